package blogsearch.cli;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.engine.Engine;
import blogsearch.engine.Stats;
import blogsearch.ingest.FeedOutcome;
import blogsearch.ingest.FeedOutcome.Status;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.ingest.VectorFiller;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        description = {"Index feeds and blogs into the index folder.",
                "SOURCE is a feed file (RSS, Atom, JSON Feed); a folder (every feed file in it, by extension: xml, "
                        + "rss, atom, rdf, opml or feed; recursively); the folder of a built site (one with an "
                        + "index.html at its top, or with HTML pages and no feed files: every post page in it); an "
                        + "OPML list (its feeds are indexed); or an http or https URL of a feed, a list or a blog (its feed, "
                        + "followed to the end of its archive, and the posts its sitemap lists that the feed does not "
                        + "carry).",
                "Unchanged feeds and posts are skipped; edited posts are replaced. Exit code 1 if any source failed."},
        footer = {"", "Examples:", "  blogsearch index index-data/feeds",
                "  blogsearch index https://example.com/feed.xml blogroll.opml",
                "  blogsearch index https://blog.example/                  # the whole blog",
                "  blogsearch index --base-url https://blog.example/ _site  # a built site"})
final class IndexCommand implements Callable<Integer> {
    static final int MAX_THREADS = 64;
    /** Runs of up to this many sources list each one's posts; larger runs list only sites (and --json all). */
    static final int EACH_SOURCE = 100;

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

    @Option(names = "--crawl-delay", paramLabel = "DURATION", defaultValue = "1s",
            description = "Least time between two requests to a blog's host while crawling it (default: "
                    + "${DEFAULT-VALUE}; a longer Crawl-delay in its robots.txt wins). At most 2 requests at a time.")
    String crawlDelay;

    @Option(names = "--max-feed-pages", paramLabel = "N", defaultValue = "100",
            description = "Pages of a paged feed followed per blog (default: ${DEFAULT-VALUE}).")
    int maxFeedPages;

    @Option(names = "--max-posts", paramLabel = "N", defaultValue = "10000",
            description = "Posts read per blog from its feed pages and sitemap (default: ${DEFAULT-VALUE}).")
    int maxPosts;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "",
            description = "Where a built site folder is published: its pages' URLs when they have no canonical link.")
    String baseUrl;

    @Option(names = "--no-semantic", description = "Do not embed posts for search by meaning (words only): much "
            + "faster on large collections on few cores.")
    boolean noSemantic;

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
        if (maxFeedPages < 1 || maxPosts < 1) {
            throw new BadInput("--max-feed-pages and --max-posts must be at least 1, not " + maxFeedPages + " and "
                    + maxPosts);
        }
        if (!baseUrl.isEmpty() && !baseUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
            throw new BadInput("--base-url must be an http(s) URL, not '" + baseUrl + "'");
        }
        Indexer.Options options = new Indexer.Options(threads,
                Durations.parse("--commit-every", commitEvery, Duration.ZERO), force, offline)
                .withSites(Durations.parse("--crawl-delay", crawlDelay, Duration.ZERO), maxFeedPages, maxPosts, baseUrl);
        Summary summary;
        Stats stats;
        try (Engine engine = index.open(ramBufferMb);
                Progress progress = root.stderrTty && !json ? new Bar(t) : new Lines(t)) {
            summary = new Indexer(engine, options, progress).run(sources);
            if (!noSemantic) {
                embed(t, engine);
            }
            engine.refresh();
            stats = engine.stats();
        }
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>(summary.report());
            report.put("languages", stats.languages());
            t.out.println(JsonOutput.pretty(report));
        } else {
            printSummary(t, summary);
            t.out.println("Languages in the index: " + StatsCommand.languages(stats));
        }
        return summary.ok() ? 0 : 1;
    }

    /** What embedding did, for the summary. */
    private String embedded = "";

    /** Gives the posts that lack a vector theirs, on every core; their words were searchable already. */
    private void embed(Terminal t, Engine engine) {
        Optional<Embedder> model = engine.model();
        if (model.isEmpty()) {
            if (!Model.INDEXED.installed()) { // rather than an engine that keeps no vectors
                t.err.println("Search by meaning is not installed: posts are searchable by their words only.");
            }
            return;
        }
        engine.refresh();
        long lacking = engine.stats().withoutVector();
        long start = System.nanoTime();
        long[] shown = {start};
        int cores = Runtime.getRuntime().availableProcessors();
        long done;
        try (VectorFiller filler = new VectorFiller(engine, model.get(), Math.min(threads, cores))) {
            done = filler.fill(n -> {
                if (root.stderrTty && !json) {
                    t.err.printf("\rEmbedding posts: %,d of %,d", n, lacking);
                    t.err.flush();
                } else if (System.nanoTime() - shown[0] > Lines.EVERY_NANOS) {
                    shown[0] = System.nanoTime();
                    t.err.printf("embedding: %,d of %,d posts%n", n, lacking);
                    t.err.flush();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (root.stderrTty && !json) {
            t.err.print("\r");
        }
        double s = (System.nanoTime() - start) / 1e9;
        embedded = done == 0 ? "" : String.format("Embedded %s for search by meaning in %.1f s (%.1f posts/s).",
                Terminal.count(done, "post"), s, done / s);
    }

    private void printSummary(Terminal t, Summary s) {
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
        if (!s.skipped().isEmpty()) {
            feeds.append("; skipped ").append(Terminal.count(s.skipped().size(), "URL")).append(" (--offline)");
        }
        t.out.println(feeds.append('.'));
        boolean each = s.sources().size() <= EACH_SOURCE;
        for (FeedOutcome f : s.sources()) {
            if (f.status() == Status.SKIPPED && each) {
                t.out.println("  - " + Terminal.safe(f.source()) + ": skipped (--offline)");
            }
            if (f.status() == Status.FAILED || f.status() == Status.LIST
                    || f.status() == Status.SKIPPED || !each && f.notes().isEmpty()) {
                continue;
            }
            t.out.printf("  %s %s: %s%n", f.status() == Status.UNCHANGED ? "=" : "✓",
                    Terminal.safe(f.source() + (f.title().isEmpty() ? "" : " (" + f.title() + ")")),
                    f.status() == Status.UNCHANGED ? "unchanged" : String.format("%,d posts (%,d added, %,d "
                            + "updated, %,d unchanged)", f.added() + f.updated() + f.unchanged(), f.added(),
                            f.updated(), f.unchanged()));
            for (String note : f.notes()) {
                t.out.println("      " + Terminal.safe(note));
            }
        }
        for (FeedOutcome f : s.failures()) {
            t.out.println("  " + t.style(Terminal.RED, "✗") + " " + Terminal.safe(f.source()) + ": "
                    + Terminal.safe(f.error()));
        }
        for (FeedOutcome f : s.repaired()) {
            t.out.println("  ~ " + Terminal.safe(f.source()) + ": repaired: "
                    + Terminal.safe(String.join("; ", f.repairs())));
        }
        if (!embedded.isEmpty()) {
            t.out.println(embedded);
        }
        t.out.println("Index: " + Terminal.safe(index.where()));
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    /** Progress reporting that is closed when the run ends. */
    private interface Progress extends Indexer.Listener, AutoCloseable {
        @Override
        void close();
    }

    /**
     * A progress bar over feeds, on a terminal. It counts failures; the summary names each failed source, once
     * (naming them here too printed every failure twice).
     */
    private static final class Bar implements Progress {
        private final ProgressBar bar;
        private int failed;

        Bar(Terminal t) {
            this.bar = new ProgressBarBuilder().setTaskName("Indexing").setInitialMax(0).setUnit(" feeds", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
        }

        @Override
        public void feedsQueued(int total) {
            bar.maxHint(total);
        }

        @Override
        public synchronized void feedDone(FeedOutcome o, int done, int total, long posts) {
            if (o.status() == Status.FAILED) {
                failed++;
            }
            bar.stepTo(done);
            bar.setExtraMessage(String.format("%,d posts", posts) + (failed == 0 ? "" : ", " + failed + " failed"));
        }

        @Override
        public void sitePages(String site, int found, int fetched, int skipped, int left) {
            bar.setExtraMessage(String.format("%s: %,d pages found, %,d fetched, %,d skipped, %,d left",
                    Terminal.safe(site), found, fetched, skipped, left));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines: progress every few seconds, with failures counted (the summary names them). */
    private static final class Lines implements Progress {
        static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();
        private final Terminal t;
        private long last = System.nanoTime();
        private int failed;

        Lines(Terminal t) {
            this.t = t;
        }

        @Override
        public synchronized void feedDone(FeedOutcome o, int done, int total, long posts) {
            if (o.status() == Status.FAILED) {
                failed++;
            }
            if (System.nanoTime() - last > EVERY_NANOS) {
                last = System.nanoTime();
                t.err.printf("indexing: %,d of %,d feeds, %,d posts written%s%n", done, total, posts,
                        failed == 0 ? "" : ", " + failed + " failed");
            }
            t.err.flush();
        }

        @Override
        public synchronized void sitePages(String site, int found, int fetched, int skipped, int left) {
            if (System.nanoTime() - last > EVERY_NANOS) {
                last = System.nanoTime();
                t.err.printf("crawling %s: %,d pages found, %,d fetched, %,d skipped, %,d left%n", Terminal.safe(site),
                        found, fetched, skipped, left);
                t.err.flush();
            }
        }

        @Override
        public void close() {
            t.err.flush();
        }
    }
}
