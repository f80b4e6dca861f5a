package blogsearch.feed;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Opens feeds from files and http(s) URLs, asking only for what changed: a conditional GET for URLs
 * (ETag, Last-Modified), size and modification time for files.
 *
 * <p>Limits, because feeds from the web come from strangers: connect and read timeouts, a total time per
 * download, a size cap that also bounds what gzip expands to, at most {@code maxRedirects} redirects, http and
 * https only, and no redirect from a public host into loopback or private networks. Local files have no cap.
 */
public final class Fetcher implements Closeable {
    public static final String USER_AGENT = "blogsearch/0.1 (feed indexer)";

    /** How the fetcher behaves; {@link #defaults()} suits a feed reader on the public internet. */
    public record Options(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, long maxBytes,
            int maxRedirects, boolean allowNetwork) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120),
                    64L * 1024 * 1024, 5, true);
        }

        public Options offline() {
            return new Options(connectTimeout, readTimeout, totalTimeout, maxBytes, maxRedirects, false);
        }
    }

    /** A fetch either finds nothing new or opens the body; a body must be closed. */
    public sealed interface Result permits NotModified, Body {}

    public record NotModified() implements Result {}

    public record Body(InputStream in, String contentType, URI uri, FetchState state) implements Result, Closeable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A feed that could not be fetched; the message says why in a few words. */
    public static class FetchError extends RuntimeException {
        public FetchError(String message) {
            super(message);
        }
    }

    /** A URL left alone because the fetcher is offline: skipped, not failed. */
    public static final class Offline extends FetchError {
        Offline() {
            super("not fetched: network access is off (offline)");
        }
    }

    private final Options options;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private volatile boolean aborted;

    public Fetcher(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fetch-deadline").daemon().factory());
    }

    /** Opens {@code location} unless {@code previous} shows it has not changed since. */
    public Result fetch(URI location, FetchState previous) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> fetchFile(localPath(location), previous);
            case "http", "https" -> fetchHttp(location, previous);
            default -> throw new FetchError("unsupported scheme '" + scheme + "': only files, http and https");
        };
    }

    /** A file: URI from an OPML list may be relative, name another host or carry a query: none is a local path. */
    private static Path localPath(URI location) {
        try {
            return Path.of(location);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new FetchError("not a local file path: " + e.getMessage());
        }
    }

    private Result fetchFile(Path path, FetchState previous) {
        try {
            long size = Files.size(path);
            long modified = Files.getLastModifiedTime(path).toMillis();
            FetchState now = new FetchState("", "", size, modified);
            if (now.equals(previous)) {
                return new NotModified();
            }
            // No size cap: that protects downloads from strangers, and a file the user names is read as a stream.
            return new Body(new BufferedInputStream(Files.newInputStream(path), 1 << 16), null, path.toUri(), now);
        } catch (NoSuchFileException e) {
            throw new FetchError("no such file");
        } catch (IOException e) {
            throw new FetchError("cannot read file: " + e.getMessage());
        }
    }

    private Result fetchHttp(URI location, FetchState previous) {
        if (!options.allowNetwork()) {
            throw new Offline();
        }
        if (aborted) {
            throw new FetchError("not fetched: stopping");
        }
        boolean startedPublic = !isPrivate(location);
        URI uri = location;
        try {
            for (int hop = 0; ; hop++) {
                HttpResponse<InputStream> resp = http.send(request(uri, previous),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                if (status == 304) {
                    resp.body().close();
                    return new NotModified();
                }
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    resp.body().close();
                    String target = resp.headers().firstValue("Location")
                            .orElseThrow(() -> new FetchError("HTTP " + status + " without a Location header"));
                    if (hop >= options.maxRedirects()) {
                        throw new FetchError("more than " + options.maxRedirects() + " redirects");
                    }
                    uri = redirectTarget(uri, target, startedPublic);
                    continue;
                }
                if (status != 200) {
                    resp.body().close();
                    throw new FetchError("HTTP " + status);
                }
                return body(resp, uri);
            }
        } catch (HttpConnectTimeoutException e) {
            throw new FetchError("connection timed out after " + seconds(options.connectTimeout()));
        } catch (HttpTimeoutException e) {
            throw new FetchError("no response within " + seconds(options.readTimeout()));
        } catch (IOException e) {
            throw networkError(e, uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchError("interrupted");
        } catch (IllegalArgumentException e) {
            throw new FetchError("invalid URL: " + e.getMessage());
        }
    }

    /** A conditional GET of {@code uri} that accepts feeds and gzip. */
    private HttpRequest request(URI uri, FetchState previous) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(options.readTimeout())
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, "
                        + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
                .header("Accept-Encoding", "gzip");
        if (!previous.etag().isEmpty()) {
            req.header("If-None-Match", previous.etag());
        }
        if (!previous.lastModified().isEmpty()) {
            req.header("If-Modified-Since", previous.lastModified());
        }
        return req.GET().build();
    }

    /** The body of a 200 answer, bounded in size and time, inflated if gzipped, with its validators. */
    private Body body(HttpResponse<InputStream> resp, URI uri) throws IOException {
        InputStream body = new Bounded(resp.body(), options.maxBytes(), watchdog, options.totalTimeout());
        String encoding = resp.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (encoding.contains("gzip")) {
            // Bounded again after inflating: a small gzip body may expand without limit.
            body = new Bounded(new GZIPInputStream(body, 1 << 16), options.maxBytes(), null, null);
        }
        FetchState state = new FetchState(resp.headers().firstValue("ETag").orElse(""),
                resp.headers().firstValue("Last-Modified").orElse(""), -1, -1);
        return new Body(new BufferedInputStream(body, 1 << 16),
                resp.headers().firstValue("Content-Type").orElse(null), uri, state);
    }

    /** What went wrong on the network, in a few words. */
    private FetchError networkError(IOException e, URI uri) {
        if (aborted) {
            return new FetchError("download abandoned: stopping");
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // The HTTP client reports a name that does not resolve as a ConnectException, caused by this.
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new FetchError("unknown host " + uri.getHost());
        }
        if (e instanceof ConnectException) {
            return new FetchError("connection refused or unreachable");
        }
        return new FetchError("network error: " + (root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage()));
    }

    private URI redirectTarget(URI from, String location, boolean startedPublic) {
        URI target;
        try {
            target = from.resolve(new URI(location.strip().replace(" ", "%20")));
        } catch (java.net.URISyntaxException e) {
            throw new FetchError("redirect to an invalid URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchError("redirect to a " + scheme + ": URL refused: only http and https");
        }
        if (startedPublic && isPrivate(target)) {
            throw new FetchError("redirect from a public host to a private or loopback address refused");
        }
        return target;
    }

    /**
     * True when the host resolves to an address that is not on the public internet: loopback, "this network"
     * (0/8), link-local, site-local, shared (100.64/10), broadcast, multicast, IPv6 unique-local, and IPv6
     * forms that carry such an IPv4 address (mapped, compatible, NAT64).
     */
    static boolean isPrivate(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (isPrivate(a)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false; // the fetch itself will fail with a clear reason
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 255 && (b[3] & 0xff) == 255);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7
        }
        // ::ffff:a.b.c.d, ::a.b.c.d and 64:ff9b::a.b.c.d carry an IPv4 address in their last four bytes.
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        if (mapped || nat64) {
            try {
                return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    /** "10 s", "0.5 s": limits below a second (tests, impatient setups) must not read "0 s". */
    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** "64 MB" for whole megabytes, else the exact count: a 100 KB limit must not read "0 MB". */
    private static String bytes(long n) {
        long mb = 1024 * 1024;
        return n % mb == 0 ? n / mb + " MB" : n + " bytes";
    }

    /**
     * Abandons the downloads in flight (and refuses new ones), for a server that is stopping: each may otherwise
     * take up to the total timeout. Their readers fail with an IOException.
     */
    public void abort() {
        aborted = true;
        http.shutdownNow();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        http.close();
    }

    /** Caps the bytes read and, optionally, the time the whole read may take. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long count;
        private final ScheduledFuture<?> deadline;
        private volatile boolean expired;

        Bounded(InputStream in, long max, ScheduledExecutorService timer, Duration total) {
            super(in);
            this.max = max;
            this.deadline = timer == null ? null : timer.schedule(() -> {
                expired = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is how a stalled read is interrupted
                }
            }, total.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                if (expired) {
                    throw new InterruptedIOException("download took too long");
                }
                throw e;
            }
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new IOException("feed is larger than " + bytes(max));
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (deadline != null) {
                deadline.cancel(false);
            }
            super.close();
        }
    }
}
