package blogsearch.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A crawl's requests, made politely: at most {@code parallel} at a time per host, their starts {@code delay} apart
 * (longer if the host's robots.txt asks), each through the {@link Fetcher} and its limits, and read whole up to a cap.
 */
final class PoliteFetcher {
    /** Bytes of a page read; the rest is not the post. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;

    /** A document fetched in full, small enough to hold. */
    record Fetched(byte[] bytes, String contentType, URI uri, FetchState state) {}

    private final Fetcher fetcher;
    private final int parallel;
    private final Duration delay;
    private final Map<String, PoliteGate> gates = new ConcurrentHashMap<>();

    PoliteFetcher(Fetcher fetcher, int parallel, Duration delay) {
        this.fetcher = fetcher;
        this.parallel = parallel;
        this.delay = delay;
    }

    /**
     * Fetches {@code uri} politely, conditionally on {@code previous}; empty when not modified. A feed or a sitemap
     * ({@code counted}) may be 16 times as large as a page.
     */
    Optional<Fetched> get(URI uri, FetchState previous, boolean counted) {
        PoliteGate.Pass pass;
        try {
            pass = gate(uri).enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fetcher.FetchError("interrupted");
        }
        try (pass) {
            Fetcher.Result result = fetcher.fetch(uri, previous);
            if (result instanceof Fetcher.NotModified) {
                return Optional.empty();
            }
            try (Fetcher.Body body = (Fetcher.Body) result) {
                byte[] bytes = body.in().readNBytes(MAX_PAGE_BYTES * (counted ? 16 : 1));
                return Optional.of(new Fetched(bytes, body.contentType(), body.uri(), body.state()));
            }
        } catch (IOException e) {
            throw new Fetcher.FetchError("cannot read: " + e.getMessage());
        }
    }

    /** Requests to {@code uri}'s host start at least {@code wait} apart from now on. */
    void atLeast(URI uri, Duration wait) {
        gate(uri).atLeast(wait);
    }

    private PoliteGate gate(URI uri) {
        return gates.computeIfAbsent(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT),
                h -> new PoliteGate(parallel, delay));
    }

    /** What kind of feed {@code f} holds: JSON Feed, Atom, RSS, else its content type. */
    static String kind(Fetched f) {
        String type = f.contentType() == null ? "" : f.contentType().toLowerCase(Locale.ROOT);
        BufferedStream in = new BufferedStream(f.bytes());
        try {
            if (JsonFeedReader.isJson(in)) {
                return "JSON Feed";
            }
            String root = Sources.rootElement(in);
            return root.equals("feed") ? "Atom" : root.equals("rss") || root.equals("rdf") ? "RSS" : type;
        } catch (IOException e) {
            return type;
        }
    }

    /** The page in the charset its Content-Type names, else the one its bytes or meta tags declare. */
    static Document parse(Fetched f) {
        String type = f.contentType() == null ? "" : f.contentType();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)charset=\"?([-\\w.:]+)").matcher(type);
        String charset = m.find() && java.nio.charset.Charset.isSupported(m.group(1)) ? m.group(1) : null;
        try {
            return Jsoup.parse(new ByteArrayInputStream(f.bytes()), charset, f.uri().toString());
        } catch (IOException | java.nio.charset.IllegalCharsetNameException e) {
            return Jsoup.parse(new String(f.bytes(), StandardCharsets.UTF_8), f.uri().toString());
        }
    }

    /** A buffered stream over bytes already in memory, as the readers want one. */
    static final class BufferedStream extends java.io.BufferedInputStream {
        BufferedStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes), Math.max(1, Math.min(bytes.length, 1 << 16)));
        }
    }
}
