package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against a real HTTP server on the loopback interface. */
class FetcherTest {
    private static final String ETAG = "\"v1\"";
    private static final String LAST_MODIFIED = "Tue, 05 Mar 2024 10:00:00 GMT";
    private static final byte[] FEED = TestFeeds.rss("<item><title>Fetched</title></item>")
            .getBytes(StandardCharsets.UTF_8);
    private static final long CAP = 1024 * 1024;
    /** Generous timeouts, so a busy machine does not fail tests that are not about time. */
    private static final Fetcher.Options OPTIONS = new Fetcher.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20), CAP, 3, true);
    /** Small timeouts, for the tests that are about time. */
    private static final Fetcher.Options IMPATIENT = new Fetcher.Options(Duration.ofSeconds(5),
            Duration.ofMillis(500), Duration.ofMillis(1_500), CAP, 3, true);
    private static final byte[] GZIP_BOMB = gzip(new byte[(int) CAP], 20); // 20 MB of zeros in a few KB

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1); // lets stalled handlers go at the end
    private final Map<String, Headers> requests = new ConcurrentHashMap<>();
    private Fetcher fetcher;
    private Fetcher impatient;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        fetcher = new Fetcher(OPTIONS);
        impatient = new Fetcher(IMPATIENT);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        fetcher.close();
        impatient.close();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.put(path, ex.getRequestHeaders());
        Headers out = ex.getResponseHeaders();
        try (ex) {
            switch (path.replaceAll("/\\d+$", "/N")) {
                case "/feed" -> {
                    out.set("ETag", ETAG);
                    out.set("Last-Modified", LAST_MODIFIED);
                    out.set("Content-Type", "application/rss+xml; charset=utf-8");
                    Headers in = ex.getRequestHeaders();
                    if (ETAG.equals(in.getFirst("If-None-Match")) || LAST_MODIFIED.equals(in.getFirst("If-Modified-Since"))) {
                        ex.sendResponseHeaders(304, -1);
                    } else {
                        send(ex, 200, FEED);
                    }
                }
                case "/gzip" -> {
                    out.set("Content-Encoding", "gzip");
                    send(ex, 200, gzip(FEED, 1));
                }
                case "/bomb" -> {
                    out.set("Content-Encoding", "gzip");
                    send(ex, 200, GZIP_BOMB);
                }
                case "/big" -> send(ex, 200, new byte[(int) (CAP * 3)]);
                case "/big-chunked" -> {
                    ex.sendResponseHeaders(200, 0);
                    byte[] block = new byte[64 * 1024];
                    for (int i = 0; i < 3 * CAP / block.length; i++) {
                        ex.getResponseBody().write(block);
                    }
                }
                case "/hops/N" -> {
                    int left = Integer.parseInt(path.substring("/hops/".length()));
                    if (left == 0) {
                        send(ex, 200, FEED);
                    } else {
                        redirect(ex, 302, "/hops/" + (left - 1));
                    }
                }
                case "/moved" -> redirect(ex, 301, "feed");
                case "/to-file" -> redirect(ex, 302, "file:///etc/passwd");
                case "/to-ftp" -> redirect(ex, 307, "ftp://127.0.0.1/feed.xml");
                case "/no-location" -> ex.sendResponseHeaders(302, -1);
                case "/status/N" -> send(ex, Integer.parseInt(path.substring("/status/".length())),
                        "<html>error page</html>".getBytes(StandardCharsets.UTF_8));
                case "/stall-headers" -> await();
                case "/stall-body" -> {
                    ex.sendResponseHeaders(200, FEED.length);
                    ex.getResponseBody().write(FEED, 0, FEED.length / 2);
                    ex.getResponseBody().flush();
                    await();
                }
                case "/drip" -> {
                    ex.sendResponseHeaders(200, 0);
                    for (int i = 0; i < 200 && release.getCount() > 0; i++) {
                        ex.getResponseBody().write(' ');
                        ex.getResponseBody().flush();
                        sleep(50);
                    }
                }
                default -> send(ex, 404, new byte[0]);
            }
        } catch (IOException e) {
            // the client hung up, as clients that give up do
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] data, int times) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < times; i++) {
                gz.write(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Fetcher.Body body(Fetcher.Result result) {
        assertThat(result).isInstanceOf(Fetcher.Body.class);
        return (Fetcher.Body) result;
    }

    private static byte[] readAll(Fetcher.Body body) throws IOException {
        try (body) {
            return body.in().readAllBytes();
        }
    }

    // --- http

    @Test
    void theUserAgentNamesBlogsearchAndGzipIsAccepted() throws IOException {
        readAll(body(fetcher.fetch(url("/feed"), FetchState.NONE)));

        Headers sent = requests.get("/feed");
        assertThat(sent.getFirst("User-Agent")).containsIgnoringCase("blogsearch");
        assertThat(sent.getFirst("Accept-Encoding")).contains("gzip");
        assertThat(sent.getFirst("Accept")).contains("application/rss+xml", "application/atom+xml");
        assertThat(sent.containsKey("If-None-Match")).isFalse();
    }

    @Test
    void aSecondFetchWithTheReturnedStateIsConditionalAndFindsNothingNew() throws IOException {
        Fetcher.Body first = body(fetcher.fetch(url("/feed"), FetchState.NONE));
        assertThat(readAll(first)).isEqualTo(FEED);
        assertThat(first.state()).isEqualTo(new FetchState(ETAG, LAST_MODIFIED, -1, -1));
        assertThat(first.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(first.uri()).isEqualTo(url("/feed"));

        Fetcher.Result second = fetcher.fetch(url("/feed"), first.state());

        assertThat(second).isInstanceOf(Fetcher.NotModified.class);
        Headers sent = requests.get("/feed");
        assertThat(sent.getFirst("If-None-Match")).isEqualTo(ETAG);
        assertThat(sent.getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    }

    @Test
    void onlyTheValidatorsTheServerGaveAreSentBack() throws IOException {
        fetcher.fetch(url("/feed"), new FetchState("", LAST_MODIFIED, -1, -1));

        Headers sent = requests.get("/feed");
        assertThat(sent.containsKey("If-None-Match")).isFalse();
        assertThat(sent.getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    }

    @Test
    void aGzipBodyIsDecoded() throws IOException {
        assertThat(readAll(body(fetcher.fetch(url("/gzip"), FetchState.NONE)))).isEqualTo(FEED);
    }

    @Test
    void aFetchedBodyReadsAsAFeed() throws IOException {
        try (Fetcher.Body body = body(fetcher.fetch(url("/gzip"), FetchState.NONE))) {
            TestFeeds.Read read = TestFeeds.read(body.in(), body.uri());
            assertThat(read.entries()).extracting(FeedEntry::title).containsExactly("Fetched");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/big", "/big-chunked", "/bomb"})
    void theSizeCapIsEnforcedAlsoForWhatGzipExpandsTo(String path) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Fetcher.Body body = body(fetcher.fetch(url(path), FetchState.NONE));
            assertThatThrownBy(() -> readAll(body)).isInstanceOf(IOException.class)
                    .hasMessage("feed is larger than 1 MB");
        });
    }

    @Test
    void aFeedOverTheCapFailsTheReadWithOneLine() throws IOException {
        try (Fetcher.Body body = body(fetcher.fetch(url("/bomb"), FetchState.NONE))) {
            FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class,
                    () -> FeedReader.read(body.in(), body.contentType(), body.uri(), entry -> { }));
            assertThat(e.getMessage()).contains("larger than 1 MB").doesNotContain("\n");
        }
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() throws IOException {
        Fetcher.Body body = body(fetcher.fetch(url("/hops/3"), FetchState.NONE));

        assertThat(readAll(body)).isEqualTo(FEED);
        assertThat(body.uri()).isEqualTo(url("/hops/0"));
    }

    @Test
    void oneRedirectMoreThanTheLimitIsAnError() {
        assertThatThrownBy(() -> fetcher.fetch(url("/hops/4"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("more than 3 redirects");
    }

    @Test
    void aRelativeRedirectResolvesAgainstTheRequest() throws IOException {
        Fetcher.Body body = body(fetcher.fetch(url("/moved"), FetchState.NONE));

        assertThat(readAll(body)).isEqualTo(FEED);
        assertThat(body.uri()).isEqualTo(url("/feed"));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> fetcher.fetch(url("/to-file"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessageContaining("file:").hasMessageContaining("refused");
        assertThatThrownBy(() -> fetcher.fetch(url("/to-ftp"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessageContaining("ftp:").hasMessageContaining("refused");
    }

    @Test
    void aRedirectWithoutALocationIsAnError() {
        assertThatThrownBy(() -> fetcher.fetch(url("/no-location"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("HTTP 302 without a Location header");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {404, 410, 500, 503})
    void errorStatusesAreReportedAsHttpAndTheCode(int status) {
        assertThatThrownBy(() -> fetcher.fetch(url("/status/" + status), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("HTTP " + status);
    }

    @Test
    void aServerThatNeverAnswersHitsTheReadTimeout() {
        long start = System.nanoTime();
        Fetcher.FetchError e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                Fetcher.FetchError.class, () -> impatient.fetch(url("/stall-headers"), FetchState.NONE)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(e).hasMessage("no response within 0.5 s");
    }

    @Test
    void aServerThatStallsInTheBodyHitsTheTotalTimeout() {
        long start = System.nanoTime();
        Fetcher.Body body = body(impatient.fetch(url("/stall-body"), FetchState.NONE));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> readAll(body))
                .isInstanceOf(IOException.class).hasMessageContaining("took too long"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatDripsBytesHitsTheTotalTimeout() {
        long start = System.nanoTime();
        Fetcher.Body body = body(impatient.fetch(url("/drip"), FetchState.NONE));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> readAll(body))
                .isInstanceOf(IOException.class).hasMessageContaining("took too long"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aClosedPortIsReportedInAFewWords() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/feed"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("connection refused or unreachable");
    }

    @Test
    void aHostNameThatDoesNotResolveIsAnUnknownHost() {
        // .invalid is reserved never to resolve (RFC 2606): no query leaves the machine's resolver with an answer.
        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://no-such-host.invalid/feed.xml"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("unknown host no-such-host.invalid");
    }

    @Test
    void offlineModeRefusesUrlsButReadsFiles(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f.xml"), FEED);
        try (Fetcher offline = new Fetcher(OPTIONS.offline())) {
            assertThatThrownBy(() -> offline.fetch(url("/feed"), FetchState.NONE))
                    .isInstanceOf(Fetcher.FetchError.class).hasMessageContaining("offline");
            assertThat(readAll(body(offline.fetch(file.toUri(), FetchState.NONE)))).isEqualTo(FEED);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://127.0.0.1/feed.xml"), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessageContaining("unsupported scheme 'ftp'");
    }

    // --- files

    @Test
    void anUnchangedFileIsNotModifiedAndAChangedOneIsReadAgain(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("feed.xml"), FEED);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));

        Fetcher.Body first = body(fetcher.fetch(file.toUri(), FetchState.NONE));
        assertThat(readAll(first)).isEqualTo(FEED);
        assertThat(first.state()).isEqualTo(new FetchState("", "", FEED.length, 1_700_000_000_000L));
        assertThat(first.contentType()).isNull();

        assertThat(fetcher.fetch(file.toUri(), first.state())).isInstanceOf(Fetcher.NotModified.class);

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_060_000L));
        assertThat(readAll(body(fetcher.fetch(file.toUri(), first.state())))).isEqualTo(FEED);

        Files.write(file, TestFeeds.rss("").getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        assertThat(fetcher.fetch(file.toUri(), first.state())).isInstanceOf(Fetcher.Body.class);
    }

    /** An OPML list may name file: URIs that are no local path; they fail like any bad source, not as a crash. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file:feeds/relative.xml", "file://otherhost/share/feed.xml", "file:///tmp/feed.xml?x=1"})
    void fileUrisThatAreNoLocalPathAreRefusedInAFewWords(String uri) {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(uri), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessageStartingWith("not a local file");
    }

    @Test
    void aMissingFileIsReportedInAFewWords(@TempDir Path dir) {
        assertThatThrownBy(() -> fetcher.fetch(dir.resolve("gone.xml").toUri(), FetchState.NONE))
                .isInstanceOf(Fetcher.FetchError.class).hasMessage("no such file");
    }

    /** The cap protects downloads from strangers; a file the user names is read whatever its size. */
    @Test
    void aLocalFileOverTheDownloadCapIsReadWhole(@TempDir Path dir) throws IOException {
        byte[] content = new byte[(int) CAP * 3];
        java.util.Arrays.fill(content, (byte) 'x');
        Path big = Files.write(dir.resolve("big.xml"), content);

        assertThat(readAll(body(fetcher.fetch(big.toUri(), FetchState.NONE)))).hasSize(content.length);
    }

    // --- isPrivate

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.10.20.30:8080/x", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://172.31.255.254/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0/", "http://[::1]/", "http://[fc00::1]/", "http://[fd12:3456:789a::1]/",
            "http://[fe80::1]/", "http://[::ffff:10.0.0.1]/", "http://localhost:8080/", "file:///etc/passwd",
            "http://100.64.0.1/", "http://100.127.255.254/", "http://0.1.2.3/", "http://255.255.255.255/",
            "http://[::ffff:127.0.0.1]/", "http://[::10.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/"})
    void loopbackPrivateAndLinkLocalAddressesArePrivate(String url) {
        assertThat(Fetcher.isPrivate(URI.create(url))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://93.184.216.34/", "https://8.8.8.8/dns", "http://172.32.0.1/", "http://172.15.255.255/",
            "http://192.169.0.1/", "http://[2606:4700:4700::1111]/", "http://[fbff::1]/", "http://100.128.0.1/",
            "http://100.63.255.255/", "http://[::ffff:93.184.216.34]/", "http://[64:ff9b::5db8:d822]/"})
    void publicAddressesAreNotPrivate(String url) {
        assertThat(Fetcher.isPrivate(URI.create(url))).isFalse();
    }
}
