package blogsearch.server;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Engine;
import blogsearch.ingest.Follower;
import blogsearch.json.Json;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API under /api, the search page and widget from {@code web/}, and one
 * error mapping (bad input 400, unknown post or route 404, missing token 401, and the rest a {@link Refusal}
 * names; anything else 500 with a generic message and a log line). All routes are declared in {@link #routes}.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** How long shutdown waits for requests in flight. */
    static final long DRAIN_MILLIS = 10_000;
    /**
     * API requests served at once; the rest wait their turn. Searching is CPU work, so more at once would
     * only share the same cores, each holding its buffers meanwhile.
     */
    static final int MAX_WORKING = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** How long a request waits for its turn before it is told the server is busy. */
    static final long MAX_WAIT_MILLIS = 10_000;
    /**
     * Connections open at once, by default. Past this, new ones wait in the operating system's accept queue
     * until one closes, so a flood of connections costs bounded memory: an idle one holds about 5 KB of heap, one
     * whose request waits its turn a few times that.
     */
    static final int MAX_CONNECTIONS = 4_000;
    /** Connections waiting to be accepted while the most connections are open; more are refused. */
    static final int ACCEPT_QUEUE = 4_096;
    /** A keep-alive connection with no request for this long is closed. */
    static final long IDLE_MILLIS = 30_000;
    /** ... and for this long while the most connections are open, so that waiting ones get in. */
    static final long IDLE_WHEN_FULL_MILLIS = 1_000;

    /**
     * @param web the folder of the search page, or null to serve only the API
     * @param corsOrigins origins (like https://blog.example) allowed to call the API from their pages; "*" for any
     * @param adminToken the token POST /api/reindex needs, or null to disable it
     * @param maxConnections connections open at once; more wait to be accepted
     */
    public record Options(String host, int port, Path web, List<String> corsOrigins, String adminToken,
            int maxConnections) {
        public Options(String host, int port, Path web, List<String> corsOrigins, String adminToken) {
            this(host, port, web, corsOrigins, adminToken, MAX_CONNECTIONS);
        }

        public Options withMaxConnections(int n) {
            return new Options(host, port, web, corsOrigins, adminToken, n);
        }
    }

    private final Engine engine;
    private final Set<String> corsOrigins;
    private final Javalin app;
    private final AtomicInteger inFlight = new AtomicInteger();
    final Semaphore working = new Semaphore(MAX_WORKING, true);
    private volatile boolean draining;

    static {
        // Jetty sizes its queues' padding by asking the JVM's management server whether references are
        // compressed, and starting that server is a noticeable part of start-up. Heaps this small always
        // compress them: four bytes each, sixteen to a 64-byte cache line.
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
    }

    public Server(Engine engine, Follower follower, Options options) {
        this.engine = engine;
        this.corsOrigins = options.corsOrigins().stream().map(Server::origin).collect(Collectors.toUnmodifiableSet());
        Api api = new Api(engine, follower, options.adminToken());
        byte[] openApi = resource("/openapi.json");
        String notFoundPage = notFoundPage(options.web());
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            connector(config, options);
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.startup.showJavalinBanner = false;
            // A virtual thread per request: on two cores, handing each request between platform threads
            // cost a fifth of the server's search throughput. How many run at once is bounded in admit().
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JsonErrors()));
            // A query may be 16 KB, three times that in a URL once percent-encoded: Jetty's 8 KB would refuse it.
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(64 * 1024));
            if (options.web() != null && Files.isDirectory(options.web())) {
                config.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = options.web().toAbsolutePath().toString();
                    sf.location = Location.EXTERNAL;
                    // Revalidated on every use, so a page and its scripts never come from two versions.
                    sf.headers = Map.of("Cache-Control", "no-cache");
                });
            }
            routes(config, api, openApi);
            errors(config, notFoundPage);
        });
    }

    /** Where connections come in, and how many may be open at once. */
    private static void connector(JavalinConfig config, Options options) {
        // Jetty's per-connection cache of request headers costs about 96 KB once a connection has made two
        // requests: 1,500 idle keep-alive connections filled the heap for good.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
        config.jetty.addConnector((jetty, http) -> {
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(IDLE_MILLIS);
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            NetworkConnectionLimit limit = new NetworkConnectionLimit(options.maxConnections(), connector);
            limit.setEndPointIdleTimeout(IDLE_WHEN_FULL_MILLIS);
            connector.addBean(limit);
            return connector;
        });
    }

    /** Every route: the API's handlers, between admission and release. */
    private void routes(JavalinConfig config, Api api, byte[] openApi) {
        config.routes.before(this::admit);
        if (!corsOrigins.isEmpty()) {
            config.routes.before("/api/*", this::cors);
            config.routes.options("/api/*", ctx -> ctx.status(HttpStatus.NO_CONTENT));
        }
        config.routes.before("/api/*", this::conditional);
        config.routes.get("/api/search", api::search);
        config.routes.get("/api/posts/{id}", api::post);
        config.routes.get("/api/posts/{id}/similar", api::similarById);
        config.routes.get("/api/similar", api::similarByUrl);
        config.routes.get("/api/suggest", api::suggest);
        config.routes.get("/api/tags", api::tags);
        config.routes.get("/api/stats", api::stats);
        config.routes.post("/api/reindex", api::reindex);
        config.routes.get("/health", api::health);
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        config.routes.after(this::release);
    }

    /**
     * The one error mapping: bad input 400, what the API refuses its own status, anything else 500 and a log line;
     * an unknown address the site's {@code notFoundPage} (may be null) for a browser, JSON for any other client.
     */
    private static void errors(JavalinConfig config, String notFoundPage) {
        config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage(),
                e.parameter()));
        config.routes.exception(Refusal.class, (e, ctx) -> {
            if (e.status == HttpStatus.UNAUTHORIZED) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            error(ctx, e.status, e.getMessage(), null);
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details", null);
        });
        // Javalin's own 404 and 405 answers are text: under /api every answer is JSON, and elsewhere a browser
        // gets the site's 404 page and any other client JSON.
        config.routes.error(404, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) != null) {
                return;
            }
            boolean underApi = ctx.path().equals("/api") || ctx.path().startsWith("/api/");
            String accept = ctx.header("Accept");
            if (!underApi && notFoundPage != null && accept != null && accept.contains("text/html")) {
                ctx.html(notFoundPage);
            } else {
                error(ctx, HttpStatus.NOT_FOUND, "no such " + (underApi ? "endpoint" : "page") + ": " + ctx.method()
                        + " " + ctx.path(), null);
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, HttpStatus.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path(), null);
            }
        });
    }

    /**
     * Builds a server with these options and drops it unstarted, for what that loads and initializes:
     * Jackson, Javalin and Jetty, about a third of the start-up on an existing index. None of it needs the
     * index, so this runs while the index opens, and the first answer comes sooner.
     */
    public static void preload(Options options) {
        try {
            new Server(null, null, options);
            Json.write(Map.of("status", "ok"));
        } catch (RuntimeException e) {
            // Only a head start: the real server reports what is wrong with its options.
        }
    }

    public Server start() {
        app.start();
        return this;
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Stops taking requests, lets those in flight finish (for up to {@value #DRAIN_MILLIS} ms), stops. */
    public void stop() {
        draining = true;
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }

    private void admit(Context ctx) {
        if (draining) {
            throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "the server is shutting down");
        }
        inFlight.incrementAndGet();
        ctx.attribute("blogsearch.counted", Boolean.TRUE);
        if (ctx.path().startsWith("/api/")) {
            boolean turn;
            try {
                turn = working.tryAcquire(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                turn = false;
            }
            if (!turn) {
                ctx.header("Retry-After", "1");
                throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "the server is busy; try again in a moment");
            }
            ctx.attribute(TURN, Boolean.TRUE);
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        // Answers are gzipped for clients that accept it, and carry CORS headers for allowed origins only.
        ctx.header("Vary", corsOrigins.isEmpty() || !ctx.path().startsWith("/api/") ? "Accept-Encoding"
                : "Accept-Encoding, Origin");
    }

    /**
     * CORS: pages from an allowed origin may read the API's answers. Other origins get the same answers
     * without the headers, so browsers keep them from their pages (Javalin's plugin answered them 400, after
     * running the search).
     */
    private void cors(Context ctx) {
        String origin = ctx.header("Origin");
        boolean any = corsOrigins.contains("*");
        if (origin == null || !(any || corsOrigins.contains(origin(origin)))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
        ctx.header("Access-Control-Expose-Headers", "ETag");
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST");
            String asked = ctx.header("Access-Control-Request-Headers");
            if (asked != null) {
                ctx.header("Access-Control-Allow-Headers", asked);
            }
            ctx.header("Access-Control-Max-Age", "600");
        }
    }

    /** An origin as browsers send it: lower case, no trailing slash. */
    private static String origin(String o) {
        String s = o.strip().toLowerCase(Locale.ROOT);
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private void release(Context ctx) {
        String etag = ctx.attribute(ETAG);
        if (etag != null && ctx.status() == HttpStatus.OK) {
            ctx.header("ETag", etag); // only answers worth keeping get a validator
        }
        if (ctx.attribute(TURN) != null) {
            ctx.attribute(TURN, null);
            working.release();
        }
        if (ctx.attribute("blogsearch.counted") != null) {
            ctx.attribute("blogsearch.counted", null);
            inFlight.decrementAndGet();
        }
    }

    /**
     * API answers depend only on the request and the index, so the index version makes an ETag: a client
     * that has the answer gets 304 and the search is not run again.
     */
    private void conditional(Context ctx) {
        if (!ctx.method().name().equals("GET")) {
            return;
        }
        // Gzipped and plain bodies differ, so their validators do too: a cache must not give one for the other.
        String encoding = Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("").toLowerCase(Locale.ROOT)
                .contains("gzip") ? "-gzip" : "";
        String etag = "\"" + Long.toHexString(engine.version()) + "-"
                + Integer.toHexString((ctx.path() + "?" + ctx.queryString()).hashCode()) + encoding + "\"";
        ctx.attribute(ETAG, etag);
        ctx.header("Cache-Control", "no-cache");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag))) {
            ctx.header("ETag", etag);
            ctx.status(HttpStatus.NOT_MODIFIED);
            release(ctx); // after-handlers are skipped too
            ctx.skipRemainingHandlers();
        }
    }

    private static final String ERROR_WRITTEN = "blogsearch.error";
    private static final String ETAG = "blogsearch.etag";
    private static final String TURN = "blogsearch.turn";

    private static void error(Context ctx, HttpStatus status, String message, String parameter) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        ctx.status(status).json(body);
    }

    /** The site's own 404 page (web/404.html), or null without one. */
    private static String notFoundPage(Path web) {
        try {
            return web == null || !Files.isRegularFile(web.resolve("404.html")) ? null
                    : Files.readString(web.resolve("404.html"));
        } catch (IOException e) {
            return null; // answered as JSON instead
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Server.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
