package blogsearch.cli;

import blogsearch.bench.IndexBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Benchmarks on a deterministic synthetic corpus of blog feeds (RSS and Atom).",
                "index: generate N posts as feeds, index them through the real pipeline, compare with raw Lucene "
                        + "on the same clean text, re-run with nothing changed, and time the query mix.",
                "With --engine opensearch --opensearch URL, index and serve also measure the cluster beside the "
                        + "embedded engine, in the same run: index fills an empty --opensearch-index with the same "
                        + "corpus, and serve loads a second server over it."},
        subcommands = {BenchCommand.Index.class, BenchCommand.Serve.class, BenchCommand.Soak.class,
                BenchCommand.Crawl.class, BenchCommand.Baseline.class})
final class BenchCommand implements Runnable {
    @ParentCommand
    BlogSearch root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path defaultDir() {
        return IndexOption.home().resolve("target").resolve("bench");
    }

    @Command(name = "index", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Indexing throughput (pipeline vs raw Lucene), re-run cost, index size, query latency.")
    static final class Index implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--posts", defaultValue = "100000", description = "Posts in the corpus (default: ${DEFAULT-VALUE}).")
        int posts;

        @Option(names = "--dir", description = "Work folder for the corpus and indexes (default: target/bench).")
        Path dir;

        @Option(names = "--threads", description = "Indexing threads (default: number of cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--ram-buffer-mb", defaultValue = "128", description = "Writer buffer (default: ${DEFAULT-VALUE}).")
        double ramBufferMb;

        @Option(names = "--posts-per-feed", defaultValue = "200", description = "Feed size (default: ${DEFAULT-VALUE}).")
        int postsPerFeed;

        @Option(names = "--no-baseline", description = "Skip the raw-Lucene comparison.")
        boolean noBaseline;

        @Option(names = "--queries-only", description = "Only time the query mix, on the index a previous run built.")
        boolean queriesOnly;

        /** With --engine opensearch: the same corpus into an empty index on the cluster too, and the same queries. */
        @Mixin
        IndexOption engines;

        @Override
        public Integer call() {
            if (posts < 1 || threads < 1 || postsPerFeed < 1) {
                throw new BadInput("--posts, --threads and --posts-per-feed must be positive");
            }
            IndexBench.run(new IndexBench.Options(dir != null ? dir : defaultDir(), posts, threads, ramBufferMb,
                    postsPerFeed, noBaseline, queriesOnly, engines.benchEngine()), bench.root.terminal().out);
            return 0;
        }
    }

    @Command(name = "crawl", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Crawl and article extraction on a generated blog served on loopback (no delay): pages/s and "
                    + "posts/s against the feed pipeline's posts/s, and memory.")
    static final class Crawl implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--pages", defaultValue = "10000", description = "Posts of the generated blog (default: "
                + "${DEFAULT-VALUE}).")
        int pages;

        @Override
        public Integer call() {
            if (pages < 10 || pages > 1_000_000) {
                throw new BadInput("--pages must be between 10 and 1,000,000, not " + pages);
            }
            blogsearch.bench.CrawlBench.run(new blogsearch.bench.CrawlBench.Options(pages), bench.root.terminal().out);
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "A server following feeds that keep changing, searched without pause: throughput, "
                    + "latency, errors and memory over time.")
    static final class Soak implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--minutes", defaultValue = "10", description = "How long (default: ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--connections", defaultValue = "2", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--feeds", defaultValue = "20", description = "Followed feeds (default: ${DEFAULT-VALUE}).")
        int feeds;

        @Option(names = "--dir", description = "Work folder (default: target/bench).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (minutes < 1 || minutes > 600 || connections < 1 || connections > 64 || feeds < 1 || feeds > 1000) {
                throw new BadInput("--minutes 1..600, --connections 1..64, --feeds 1..1000");
            }
            blogsearch.bench.SoakBench.run(new blogsearch.bench.SoakBench.Options(dir != null ? dir : defaultDir(),
                    minutes, connections, feeds), bench.root.terminal().out);
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "HTTP search throughput and latency of a server process vs raw Lucene in-process (top 10 "
                    + "with highlighting, and the same with facets), its resident memory, and its start-up time.")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--posts", defaultValue = "100000", description = "Posts in the corpus (default: ${DEFAULT-VALUE}).")
        int posts;

        @Option(names = "--dir", description = "Work folder (default: target/bench).")
        Path dir;

        @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--connections", defaultValue = "2", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--server-heap", defaultValue = blogsearch.bench.ServeBench.SERVER_HEAP,
                description = "The server's -Xmx (default: ${DEFAULT-VALUE}, as 'blogsearch serve' runs).")
        String heap;

        @Option(names = "--segments", description = "First merge the benchmark's index into at most this many "
                + "segments, as 'blogsearch optimize' does; it stays merged until 'bench index' rebuilds it "
                + "(default: search the index as it is).")
        int segments;

        /** With --engine opensearch: a second server over the cluster's index that 'bench index' filled. */
        @Mixin
        IndexOption engines;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || seconds > 3600 || connections < 1 || connections > 64 || segments < 0 || segments > 1000) {
                throw new BadInput("--seconds must be 1..3600, --connections 1..64 and --segments 1..1000");
            }
            java.util.Optional<java.util.Map.Entry<String, java.util.List<String>>> other = engines.serveOptions()
                    .map(args -> java.util.Map.entry(engines.benchEngine().orElseThrow().name(), args));
            blogsearch.bench.ServeBench.run(new blogsearch.bench.ServeBench.Options(dir != null ? dir : defaultDir(),
                    posts, seconds, connections, heap, segments, other), bench.root.terminal().out);
            return 0;
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Plain Lucene (EnglishAnalyzer, BM25, an OR of the words) on a relevance test collection: "
                    + "the yardstick src/bench/relevance.py sets beside blogsearch.")
    static final class Baseline implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--docs", required = true, paramLabel = "FILE", description = "docs.jsonl: {\"id\", \"title\", \"body\"} per line.")
        Path docs;

        @Option(names = "--queries", paramLabel = "FILE", description = "queries.tsv: id<TAB>text per line.")
        Path queries;

        @Option(names = "--seeds", paramLabel = "FILE", description = "Instead of --queries, related documents: "
                + "id<TAB>document id per line, the document being read (Lucene MoreLikeThis, defaults).")
        Path seeds;

        @Option(names = "--run", required = true, paramLabel = "FILE", description = "Where the TREC run goes.")
        Path run;

        @Override
        public Integer call() throws java.io.IOException {
            if ((queries == null) == (seeds == null)) {
                throw new BadInput("give one of --queries and --seeds");
            }
            Path asked = queries != null ? queries : seeds;
            for (Path p : java.util.List.of(docs, asked)) {
                if (!java.nio.file.Files.isReadable(p)) {
                    throw new BadInput("cannot read " + p);
                }
            }
            java.io.PrintWriter out = bench.root.terminal().out;
            if (queries != null) {
                blogsearch.bench.RelevanceBaseline.run(docs, queries, run, out);
            } else {
                blogsearch.bench.RelevanceBaseline.related(docs, seeds, run, out);
            }
            return 0;
        }
    }
}
