package blogsearch.cli;

import blogsearch.bench.Memory;
import blogsearch.embed.Embedder;
import blogsearch.engine.Engine;
import blogsearch.engine.Stats;
import blogsearch.ingest.BackgroundVectors;
import blogsearch.ingest.FeedOutcome;
import blogsearch.ingest.Follower;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.server.Server;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Serve the search page (from web/) and the JSON API (under /api, described at /openapi.json).",
                "On first run the default index is created and the bundled sample blog in index-data/feeds "
                        + "indexed into it; any other index must exist, unless --create is given.",
                "With --follow, the sources are re-fetched on a schedule and new posts become searchable "
                        + "without a restart."},
        footer = {"", "Examples:", "  blogsearch serve",
                "  blogsearch serve --follow https://example.com/feed.xml --every 30m \\",
                "      --cors-origin https://example.com",
                "  blogsearch serve --host 0.0.0.0 --port 8080 --follow blogroll.opml \\",
                "      --admin-token \"$TOKEN\""})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("blogsearch");

    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Mixin
    SynonymsOption synonyms;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 to expose it).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--follow", paramLabel = "SOURCE", arity = "1..*",
            description = "Feeds, folders, OPML lists, URLs or blogs' addresses to re-fetch on a schedule.")
    List<String> follow = new ArrayList<>();

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m",
            description = "How often to re-fetch followed sources, like 15m, 1h or 1h30m (default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--commit-every", paramLabel = "DURATION", defaultValue = "30s",
            description = "While fetching followed sources, commit whole feeds at least this often "
                    + "(default: ${DEFAULT-VALUE}); a crash loses at most this much work.")
    String commitEvery;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "An origin (like https://blog.example) whose pages may call the API; repeatable; * for any.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:BLOGSEARCH_ADMIN_TOKEN}",
            description = "Enables POST /api/reindex for requests with 'Authorization: Bearer TOKEN' "
                    + "(default: $BLOGSEARCH_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--web", paramLabel = "DIR", description = "Folder of the search page (default: web/ in the blogsearch folder).")
    Path web;

    @Option(names = "--no-semantic", description = "Do not embed new or edited posts for search by meaning (posts "
            + "that have a vector keep it, and searches use it).")
    boolean noSemantic;

    @Option(names = "--create", description = "Create the index if it does not exist (empty: the sample blog only "
            + "goes into the default index).")
    boolean create;

    @Override
    public Integer call() throws InterruptedException {
        Duration interval = Durations.parse("--every", every, Duration.ofSeconds(5));
        Duration commitInterval = Durations.parse("--commit-every", commitEvery, Duration.ZERO);
        if (port < 0 || port > 65535) {
            throw new BadInput("--port must be between 0 and 65535, not " + port);
        }
        checkListenable();
        Path dir = index.path();
        boolean firstRun = !index.exists();
        if (firstRun && !create && !index.isDefault()) {
            // A mistyped --index would otherwise become a new index holding the sample blog.
            throw new BadInput("no index at " + dir + "; check the path, or give --create to start an empty one there");
        }
        Path webDir = web != null ? web : IndexOption.home().resolve("web");
        Server.Options options = new Server.Options(host, port, webDir, corsOrigins,
                adminToken == null || adminToken.isBlank() ? null : adminToken);
        // The web server's classes need no index: they load on another thread while the index opens.
        Thread.ofPlatform().daemon().name("preload").start(() -> Server.preload(options));
        boolean writable = firstRun || !follow.isEmpty() || options.adminToken() != null;
        Engine engine = writable ? index.open(synonyms.file()) : index.openReadOnly(synonyms.file());
        try {
            if (firstRun && !create && follow.isEmpty()) {
                indexSample(engine);
            }
            Follower follower = follow.isEmpty() ? null
                    : new Follower(engine, follow, interval, new Indexer.Options(Indexer.Options.defaults().threads(),
                            commitInterval, false, false));
            Server server = startServer(engine, follower, options);
            // Near-real-time: posts written by the follower (or, read-only, committed by another process)
            // become searchable within a second, while searches go on.
            ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("refresh").daemon().factory());
            refresher.scheduleWithFixedDelay(engine::refresh, 1, 1, TimeUnit.SECONDS);
            // New posts get their vectors while serving, on half the cores (searches keep the others).
            boolean embed = engine.writable() && !noSemantic;
            Optional<Embedder> model = announce(engine, server, webDir, follower, options, embed);
            BackgroundVectors vectors = !embed ? null : model.map(m -> new BackgroundVectors(engine, m,
                    Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                    follower == null ? engine::commit : follower::commitIfIdle, Duration.ofSeconds(5))).orElse(null);
            if (follower != null) {
                follower.start();
            }
            if (vectors != null) {
                vectors.start();
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping: finishing requests in flight");
                server.stop();
                if (follower != null) {
                    follower.close();
                }
                if (vectors != null) {
                    vectors.close();
                }
                refresher.shutdownNow();
                close(engine);
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The address and port, checked before anything is opened: the web server's own failure to bind reads "port
     * already in use" for an address that is no address at all.
     */
    private void checkListenable() {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new BadInput("--host " + host + " is not a valid address or host name");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new BadInput("--host " + host + " is not an address of this machine");
            }
        } catch (SocketException e) {
            // The interfaces cannot be listed here: binding below tells.
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the web server binds: a port with connections closing is free
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new IllegalStateException(bindFailure(e));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private String bindFailure(BindException e) {
        String why = String.valueOf(e.getMessage());
        return why.toLowerCase(Locale.ROOT).contains("in use")
                ? "port " + port + " is already in use on " + host
                        + ": stop what listens there, or choose another --port"
                : "cannot listen on " + host + ":" + port + ": " + why;
    }

    /** What is served, from where, and what else is on; the model of search by meaning, if it is loaded. */
    private Optional<Embedder> announce(Engine engine, Server server, Path webDir, Follower follower,
            Server.Options options, boolean embed) {
        Stats stats = engine.stats();
        LOG.info("index {}: {} from {} ({}){}", index.where(),
                Terminal.count(stats.posts(), "post"), Terminal.count(stats.feeds(), "feed"),
                StatsCommand.bytes(stats.indexBytes()), engine.writable() ? "" : ", read-only");
        stats.synonyms().ifPresent(i -> LOG.info("synonyms from {}: {}", i.file(), Terminal.count(i.rules(), "rule")));
        Optional<Embedder> model = loadModel(engine, stats, embed);
        String shown = host.equals("127.0.0.1") || host.equals("localhost") ? "localhost" : host;
        LOG.info("serving http://{}:{}/ (search page{}; API under /api, described at /openapi.json)", shown,
                server.port(), java.nio.file.Files.isDirectory(webDir) ? "" : " missing: no web/ folder");
        if (follower != null) {
            LOG.info("following {} sources every {}", follow.size(), every);
        }
        if (!corsOrigins.isEmpty()) {
            LOG.info("pages from {} may call the API", String.join(", ", corsOrigins));
        }
        if (options.adminToken() != null) {
            LOG.info("POST /api/reindex is enabled for requests with the admin token");
        }
        return model;
    }

    /**
     * Loads the model of search by meaning before the first search needs it (if any post has a vector, or posts are
     * to be embedded), and says what it cost.
     */
    private static Optional<Embedder> loadModel(Engine engine, Stats stats, boolean embed) {
        long pid = ProcessHandle.current().pid();
        long rss = Memory.rss(pid, "VmRSS");
        long start = System.nanoTime();
        boolean vectors = stats.posts() > stats.withoutVector();
        Optional<Embedder> model = vectors || embed ? engine.model() : Optional.empty();
        if (model.isPresent()) {
            long grown = Memory.rss(pid, "VmRSS") - rss;
            LOG.info("search by meaning: model {} loaded in {} ms{}", model.get().model().id(),
                    (System.nanoTime() - start) / 1_000_000,
                    rss < 0 ? "" : ", resident memory +" + grown / (1024 * 1024) + " MB");
        }
        if (stats.withoutVector() > 0) {
            LOG.info("{} without a vector for search by meaning: {}", Terminal.count(stats.withoutVector(), "post"),
                    embed && model.isPresent() ? "embedding them in the background" : engine.writable()
                            ? "not embedded while serving (--no-semantic, or no model)"
                            : "the index is read-only here (blogsearch index embeds them)");
        }
        return model;
    }

    /** Commits what was written, if it can, and closes the engine. */
    private static void close(Engine engine) {
        boolean committed = true;
        if (engine.writable()) {
            try {
                engine.commit();
            } catch (RuntimeException e) {
                committed = false;
                LOG.warn("cannot commit the index: {}; it keeps its last commit",
                        engine.writeFailure().orElse(e.getMessage()));
            }
        }
        engine.close();
        LOG.info(committed ? "stopped; the index is committed and closed" : "stopped; the index is closed");
    }

    private Server startServer(Engine engine, Follower follower, Server.Options options) {
        try {
            return new Server(engine, follower, options).start();
        } catch (RuntimeException e) {
            // Taken since it was checked.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b) {
                    throw new IllegalStateException(bindFailure(b));
                }
            }
            throw e;
        }
    }

    /** The first run of a fresh clone: the bundled sample blog, so there is something to search. */
    private void indexSample(Engine engine) {
        Path sample = IndexOption.home().resolve("index-data").resolve("feeds");
        LOG.info("first run: indexing the sample feeds in {}", sample);
        Summary s = new Indexer(engine, Indexer.Options.defaults().withOffline(true), Indexer.Listener.NONE)
                .run(List.of(sample.toString()));
        for (FeedOutcome f : s.failures()) {
            LOG.warn("feed failed: {}: {}", f.source(), f.error());
        }
        LOG.info("indexed {} posts in {}", s.added() + s.updated(), IndexCommand.seconds(s.took()));
        engine.refresh();
    }
}
