package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchRequest;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Follower;
import blogsearch.ingest.Indexer;
import blogsearch.search.LuceneEngine;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a feed that trickles in a byte at a time, one whose server never answers and a good one, with two
 * indexing threads: the good feed must not wait for the slow ones, and stopping must not wait for their
 * downloads (each may take up to two minutes).
 */
class SlowFeedsIT {
    static final long SEARCHABLE_WITHIN_MILLIS = 10_000;
    static final long STOPPED_WITHIN_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aGoodFeedIsSearchableWhileSlowOnesDownloadAndStoppingAbandonsThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService handlers = Executors.newCachedThreadPool();
        HttpServer feeds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feeds.setExecutor(handlers);
        feeds.createContext("/drip.xml", ex -> drip(ex, release));
        feeds.createContext("/silent.xml", ex -> {
            await(release); // never answers
            ex.close();
        });
        feeds.createContext("/good.xml", ex -> {
            byte[] body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good</title>"
                    + "<link>https://good.example/</link><description>d</description><item><title>Marmalade</title>"
                    + "<link>https://good.example/1</link><description>Seville oranges make marmalade.</description>"
                    + "</item></channel></rss>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        feeds.start();
        String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
        try (PostIndex index = PostIndex.open(dir.resolve("index"))) {
            LuceneEngine search = new LuceneEngine(index);
            Follower follower = new Follower(search,
                    List.of(base + "/drip.xml", base + "/silent.xml", base + "/good.xml"), Duration.ofHours(1),
                    new Indexer.Options(2, Duration.ofSeconds(1), false, false));
            long start = System.nanoTime();
            follower.start();
            long found = -1;
            while (found < 0 && millisSince(start) < 4 * SEARCHABLE_WITHIN_MILLIS) {
                index.refresh(); // as the server does every second
                if (search.search(SearchRequest.of("marmalade")).total() == 1) {
                    found = millisSince(start);
                }
                Thread.sleep(100);
            }
            assertThat(found).as("ms until the good feed was searchable").isBetween(0L, SEARCHABLE_WITHIN_MILLIS);

            long stopping = System.nanoTime();
            follower.close(); // what the server's shutdown does
            long stopped = millisSince(stopping);
            System.out.printf("good feed searchable after %d ms; stopped in %d ms%n", found, stopped);
            assertThat(stopped).as("ms to stop with two downloads in flight").isLessThan(STOPPED_WITHIN_MILLIS);
        } finally {
            release.countDown();
            feeds.stop(0);
            handlers.shutdownNow();
        }
    }

    /** Headers and the start of a feed, then a space every half second until {@code release}. */
    private static void drip(HttpExchange ex, CountDownLatch release) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Drip</title>"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!release.await(500, TimeUnit.MILLISECONDS)) {
                out.write(' ');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
