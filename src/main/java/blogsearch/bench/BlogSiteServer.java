package blogsearch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The site served over HTTP on loopback, with ETags (a matching If-None-Match gets 304), counting requests; the
 * home page may name another feed than the JSON Feed ({@link #homeFeed}).
 */
public final class BlogSiteServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private volatile Map<String, BlogSite.Page> pages;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger conditional = new AtomicInteger();
    private final AtomicInteger full = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Set<String> paths = ConcurrentHashMap.newKeySet();
    private final List<Long> starts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.time.Duration answerTime;

    public BlogSiteServer(BlogSite site) {
        this(site, java.time.Duration.ZERO);
    }

    /**
     * A server that takes {@code answerTime} over each request, as a real one does: long enough for requests sent
     * together to be seen together ({@link #maxConcurrent()}).
     */
    public BlogSiteServer(BlogSite site, java.time.Duration answerTime) {
        this.answerTime = answerTime;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
        pages = site.render(base());
    }

    /** "http://127.0.0.1:PORT". */
    public String base() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    /** Makes the home page name {@code path} as its only feed (an Atom archive, a WordPress or Blogger feed). */
    public void homeFeed(String path, String type) {
        Map<String, BlogSite.Page> changed = new LinkedHashMap<>(pages);
        String home = new String(pages.get("/").bytes(), StandardCharsets.UTF_8)
                .replaceAll("<link rel=\"alternate\"[^>]*>", "")
                .replace("<meta property=\"og:site_name\"", "<link rel=\"alternate\" type=\"" + type
                        + "\" href=\"" + path + "\">\n<meta property=\"og:site_name\"");
        changed.put("/", BlogSite.html(home));
        pages = changed;
    }

    /** Replaces one page, as a blog that publishes or edits does. */
    public void put(String path, String type, String body) {
        Map<String, BlogSite.Page> changed = new LinkedHashMap<>(pages);
        changed.put(path, new BlogSite.Page(type, body.getBytes(StandardCharsets.UTF_8)));
        pages = changed;
    }

    public String page(String path) {
        return new String(pages.get(path).bytes(), StandardCharsets.UTF_8);
    }

    public int requests() {
        return requests.get();
    }

    /** Requests that carried a validator (If-None-Match). */
    public int conditionalRequests() {
        return conditional.get();
    }

    /** Requests answered with a body (200). */
    public int fullResponses() {
        return full.get();
    }

    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Paths requested (with their query). */
    public Set<String> paths() {
        return paths;
    }

    /** When each request arrived, in nanoseconds. */
    public List<Long> starts() {
        return List.copyOf(starts);
    }

    public void resetCounts() {
        requests.set(0);
        conditional.set(0);
        full.set(0);
        maxConcurrent.set(0);
        paths.clear();
        starts.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        starts.add(System.nanoTime());
        int status;
        byte[] body = null;
        try {
            if (answerTime.isPositive()) {
                Thread.sleep(answerTime);
            }
            requests.incrementAndGet();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String key = query == null ? path : path + "?" + query;
            paths.add(key);
            BlogSite.Page page = pages.get(key);
            if (page == null) {
                status = 404;
            } else {
                String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(page.bytes())) + "\"";
                String asked = ex.getRequestHeaders().getFirst("If-None-Match");
                if (asked != null) {
                    conditional.incrementAndGet();
                }
                ex.getResponseHeaders().set("ETag", etag);
                if (etag.equals(asked)) {
                    status = 304;
                } else {
                    full.incrementAndGet();
                    ex.getResponseHeaders().set("Content-Type", page.type());
                    status = 200;
                    body = page.bytes();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            // Counted out before answering: a client may send its next request as soon as it has read this answer.
            concurrent.decrementAndGet();
        }
        try (ex) {
            ex.sendResponseHeaders(status, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The URL of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create(base() + path);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
