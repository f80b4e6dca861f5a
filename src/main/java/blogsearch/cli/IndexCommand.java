package blogsearch.cli;

import blogsearch.feed.Fetcher;
import blogsearch.index.Indexer;
import blogsearch.index.Indexer.FeedOutcome;
import blogsearch.index.PostIndex;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "index", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Index feeds into the index folder.",
                "SOURCE is a feed file, a folder (every .xml/.rss/.atom/.rdf/.opml/.feed file in it, recursively), "
                        + "an OPML list (its feeds are indexed), or an http(s) URL of a feed or list.",
                "Unchanged feeds and posts are skipped; edited posts are replaced. Exit code 1 if any source failed."},
        footer = {"", "Examples:", "  blogsearch index index-data/feeds",
                "  blogsearch index https://example.com/feed.xml blogroll.opml"})
final class IndexCommand implements Callable<Integer> {
    static final int MAX_THREADS = 64;

    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Feeds, folders, OPML lists or URLs.")
    List<String> sources;

    @Option(names = "--force", description = "Read every feed and rewrite every post, even if unchanged.")
    boolean force;

    @Option(names = "--threads", paramLabel = "N",
            description = "Feeds read in parallel, 1 to " + MAX_THREADS + " (default: number of cores, at most "
                    + MAX_THREADS + ").")
    int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()); // a bigger machine is no error

    @Option(names = "--offline", description = "Do not fetch URLs; index local files only.")
    boolean offline;

    @Option(names = "--ram-buffer-mb", paramLabel = "MB", defaultValue = "128",
            description = "Memory for buffering new posts before they are written to disk (default: ${DEFAULT-VALUE}).")
    double ramBufferMb;

    @Option(names = "--commit-every", paramLabel = "DURATION", defaultValue = "30s",
            description = "Commit whole feeds at least this often during a run (default: ${DEFAULT-VALUE}); a crash "
                    + "loses at most this much work, but frequent commits slow bulk indexing.")
    String commitEvery;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Terminal t = root.terminal();
        if (threads < 1 || threads > MAX_THREADS) {
            throw new BadInput("--threads must be between 1 and " + MAX_THREADS + ", not " + threads);
        }
        if (ramBufferMb < 16 || ramBufferMb > 2048) {
            throw new BadInput("--ram-buffer-mb must be between 16 and 2048, not " + ramBufferMb);
        }
        Fetcher.Options fetch = offline ? Fetcher.Options.defaults().offline() : Fetcher.Options.defaults();
        Indexer.Options options = new Indexer.Options(threads,
                Durations.parse("--commit-every", commitEvery, java.time.Duration.ZERO), force);
        Indexer.Summary summary;
        try (PostIndex idx = PostIndex.open(index.path(), ramBufferMb);
                Fetcher fetcher = new Fetcher(fetch);
                Progress progress = root.stderrTty && !json ? new Bar(t) : new Lines(t)) {
            summary = new Indexer(idx, fetcher, options, progress).run(sources);
        }
        if (json) {
            t.out.println(JsonOutput.pretty(asJson(summary)));
        } else {
            printSummary(t, summary);
        }
        return summary.ok() ? 0 : 1;
    }

    private void printSummary(Terminal t, Indexer.Summary s) {
        long posts = s.added() + s.updated() + s.unchanged();
        t.out.printf("%s %s from %s in %s: %s added, %,d updated, %,d unchanged.%n",
                t.style(Terminal.BOLD, "Indexed"), Terminal.count(posts, "post"),
                Terminal.count(s.feedsIndexed() + s.feedsUnchanged(), "feed"), seconds(s.took()),
                t.style(Terminal.GREEN, String.format("%,d", s.added())), s.updated(), s.unchanged());
        StringBuilder feeds = new StringBuilder(String.format("Feeds: %,d read, %,d unchanged, ", s.feedsIndexed(),
                s.feedsUnchanged()));
        feeds.append(s.feedsFailed() == 0 ? "0 failed" : t.style(Terminal.RED, s.feedsFailed() + " failed"));
        if (s.skippedFiles() > 0) {
            feeds.append(String.format("; skipped %,d files that are not feeds", s.skippedFiles()));
        }
        t.out.println(feeds.append('.'));
        for (FeedOutcome f : s.failures()) {
            t.out.println("  " + t.style(Terminal.RED, "✗") + " " + Terminal.safe(f.source()) + ": "
                    + Terminal.safe(f.error()));
        }
        for (FeedOutcome f : s.repaired()) {
            t.out.println("  ~ " + Terminal.safe(f.source()) + ": repaired: "
                    + Terminal.safe(String.join("; ", f.repairs())));
        }
        t.out.println("Index: " + Terminal.safe(index.path().toString()));
    }

    private static Map<String, Object> asJson(Indexer.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feeds_indexed", s.feedsIndexed());
        m.put("feeds_unchanged", s.feedsUnchanged());
        m.put("feeds_failed", s.feedsFailed());
        m.put("posts_added", s.added());
        m.put("posts_updated", s.updated());
        m.put("posts_unchanged", s.unchanged());
        m.put("skipped_files", s.skippedFiles());
        m.put("took_ms", s.took().toMillis());
        m.put("failures", s.failures().stream().map(f -> Map.of("source", f.source(), "error", f.error())).toList());
        m.put("repaired", s.repaired().stream()
                .map(f -> Map.of("source", f.source(), "repairs", f.repairs())).toList());
        return m;
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    /** Progress reporting that is closed when the run ends. */
    private interface Progress extends Indexer.Listener, AutoCloseable {
        @Override
        void close();
    }

    /** A progress bar over feeds, on a terminal. */
    private static final class Bar implements Progress {
        private final ProgressBar bar;
        private final Terminal t;

        Bar(Terminal t) {
            this.t = t;
            this.bar = new ProgressBarBuilder().setTaskName("Indexing").setInitialMax(0).setUnit(" feeds", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
        }

        @Override
        public void feedsQueued(int total) {
            bar.maxHint(total);
        }

        @Override
        public void feedDone(FeedOutcome o, int done, int total, long posts) {
            bar.stepTo(done);
            bar.setExtraMessage(String.format("%,d posts", posts));
            if (o.status() == Indexer.Status.FAILED) {
                t.err.print("\r\u001b[K");
                t.err.println(t.style(Terminal.RED, "✗ ") + Terminal.safe(o.source()) + ": " + Terminal.safe(o.error()));
                t.err.flush();
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines: failures as they happen, progress every few seconds. */
    private static final class Lines implements Progress {
        private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();
        private final Terminal t;
        private long last = System.nanoTime();

        Lines(Terminal t) {
            this.t = t;
        }

        @Override
        public synchronized void feedDone(FeedOutcome o, int done, int total, long posts) {
            if (o.status() == Indexer.Status.FAILED) {
                t.err.println("failed: " + Terminal.safe(o.source()) + ": " + Terminal.safe(o.error()));
            }
            if (System.nanoTime() - last > EVERY_NANOS) {
                last = System.nanoTime();
                t.err.printf("indexing: %,d of %,d feeds, %,d posts written%n", done, total, posts);
            }
            t.err.flush();
        }

        @Override
        public void close() {
            t.err.flush();
        }
    }
}
