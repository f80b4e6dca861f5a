package blogsearch.web;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.ingest.VectorFiller;
import blogsearch.search.LuceneEngine;
import blogsearch.server.Server;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real server on a free loopback port, serving {@code web/} and the API over a real index of the fixture
 * feeds in {@code src/test/resources/web/feeds}: fourteen posts from three blogs, with known tags, years and
 * authors; two of them have no title.
 */
final class TestSite implements AutoCloseable {
    /** The search page's folder; failsafe runs in the project folder. */
    static final Path WEB = Path.of("web").toAbsolutePath();

    private final PostIndex index;
    private final Server server;
    private final int port;
    private boolean stopped;

    private TestSite(PostIndex index, Server server) {
        this.index = index;
        this.server = server;
        this.port = server.port();
    }

    /** Indexes the fixture feeds into {@code indexDir} and starts the server; pages from {@code corsOrigins} may call it. */
    static TestSite start(Path indexDir, List<String> corsOrigins) {
        return start(indexDir, corsOrigins, false);
    }

    /** As {@link #start}, every post given its vector, so that the page searches by meaning too. */
    static TestSite startWithVectors(Path indexDir) {
        return start(indexDir, List.of(), true);
    }

    private static TestSite start(Path indexDir, List<String> corsOrigins, boolean vectors) {
        if (!Files.isRegularFile(WEB.resolve("index.html"))) {
            throw new IllegalStateException("no search page at " + WEB + ": run the tests from the project folder");
        }
        PostIndex index = PostIndex.open(indexDir);
        try {
            Summary summary = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                    Indexer.Listener.NONE).run(List.of(feeds().toString()));
            if (!summary.ok() || summary.added() != 14) {
                throw new IllegalStateException("the fixture feeds did not index as expected: " + summary);
            }
            if (vectors) {
                try (Embedder embedder = Embedder.open(Model.INDEXED);
                        VectorFiller filler = new VectorFiller(new LuceneEngine(index), embedder, 2)) {
                    filler.fill(n -> {});
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            index.refresh();
            Server server = new Server(new LuceneEngine(index), null,
                    new Server.Options("127.0.0.1", 0, WEB, corsOrigins, null)).start();
            return new TestSite(index, server);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static Path feeds() {
        try {
            return Path.of(TestSite.class.getResource("/web/feeds").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the fixture feeds are missing from the test classpath", e);
        }
    }

    /** The origin, like http://127.0.0.1:41234. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** An address on the server: {@code url("/?q=garden")}. */
    String url(String pathAndQuery) {
        return origin() + pathAndQuery;
    }

    /** Stops answering, as a crashed or restarting server would; the index stays open until {@link #close}. */
    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            server.stop();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            index.close();
        }
    }
}
