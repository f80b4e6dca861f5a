package blogsearch.feed;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Politeness towards one host: at most {@code parallel} requests at once, and their starts at least {@code delay}
 * apart (the larger of ours and the site's robots.txt Crawl-delay).
 */
final class PoliteGate {
    private final Semaphore slots;
    private volatile long delayNanos;
    private long nextStart = System.nanoTime();

    PoliteGate(int parallel, Duration delay) {
        this.slots = new Semaphore(Math.max(1, parallel), true);
        this.delayNanos = delay.toNanos();
    }

    /** Asks for at least this delay between requests, as robots.txt may. */
    void atLeast(Duration delay) {
        delayNanos = Math.max(delayNanos, delay.toNanos());
    }

    /** Waits for a slot and for this request's turn; close the returned pass when the request is done. */
    Pass enter() throws InterruptedException {
        slots.acquire();
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + delayNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                slots.release();
                throw e;
            }
        }
        return slots::release;
    }

    /** A request's place at the host, given back when closed. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }
}
