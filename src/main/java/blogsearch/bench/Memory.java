package blogsearch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples heap use and resident memory in the background and keeps the peaks. */
public final class Memory implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long heapPeak;
    private volatile long rssPeak;

    Memory() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        heapPeak = Math.max(heapPeak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        rssPeak = Math.max(rssPeak, rss(ProcessHandle.current().pid(), "VmRSS"));
    }

    long heapPeak() {
        sample();
        return heapPeak;
    }

    long rssPeak() {
        sample();
        return rssPeak;
    }

    /** Resets the peaks, e.g. between phases. */
    void reset() {
        heapPeak = 0;
        rssPeak = 0;
    }

    /** A field of /proc/PID/status in bytes (VmRSS now, VmHWM peak), or -1 where there is no /proc. */
    public static long rss(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
