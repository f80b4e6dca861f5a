package blogsearch.server;

import static org.assertj.core.api.Assertions.fail;

import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.json.Json;
import blogsearch.search.LuceneEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tens of thousands of random and hostile requests against the real server on loopback: every answer
 * under /api is JSON with status 200 or 400 (404 only for posts that do not exist), none is a 500,
 * and none takes long.
 */
class ApiFuzzIT {
    static final int REQUESTS = 20_000;
    static final long MAX_MILLIS = 3_000;
    static final String[] PIECES = {"nova", "openstack", "\"", "\"build a wall", "-", "--", "OR", "AND", "NOT", "*",
        "ope*", "*nova", "tag:", "tag:\"", "tag:summit", "author:", "feed:\"", "title:", "after:", "after:2016",
        "before:99999-99-99", "after:0000-00-00", "(", ")", "((((", "\\", "/", ":", "::", "?", "%", "+", "&", "=",
        "<script>alert(1)</script>", "<mark>", "&amp;", "\u0000", "\u001b[31m", "\u202e", "\uFEFF", "\uD83D\uDE00",
        "\uD800", "日本語", "é", "x".repeat(300), "a ".repeat(60), "OR OR OR", "\t\n\r", "'; DROP TABLE posts;--",
        "${jndi:ldap://x}", "../../etc/passwd", "%00", "%zz", "\u00a0"};
    static final String[] PARAMS = {"q", "tag", "author", "feed", "year", "language", "since", "until", "sort", "page", "size",
        "spell", "unknown"};
    static final String[] VALUES = {"", "0", "-1", "1", "10", "100", "101", "10000", "99999999999", "2016", "2016-13",
        "2016-02-30", "newest", "relevance", "NEWEST", "sideways", "off", "on", "maybe", "null", "[]", "{}"};

    @TempDir
    static Path dir;
    static PostIndex index;
    static Server server;

    @BeforeAll
    static void start() {
        index = PostIndex.open(dir.resolve("index"));
        new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true), Indexer.Listener.NONE)
                .run(List.of(Path.of("index-data", "feeds").toString()));
        index.refresh();
        server = new Server(new LuceneEngine(index), null,
                new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        index.close();
    }

    @Test
    void randomAndHostileRequestsGetJsonAnswersAndNeverAServerError() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261124L);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Random random = new Random(seed + t);
            Thread th = new Thread(() -> {
                for (int i = 0; i < REQUESTS / 2 && failures.size() < 5; i++) {
                    String target = randomTarget(random);
                    try {
                        check(target, failures);
                    } catch (IOException e) {
                        failures.add(target + ": " + e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failures.isEmpty()) {
            fail("seed " + seed + " (-Dfuzz.seed=" + seed + "):\n" + String.join("\n", failures));
        }
    }

    private static String randomTarget(Random r) {
        int kind = r.nextInt(20);
        StringBuilder path = new StringBuilder(switch (kind) {
            case 0 -> "/api/posts/" + raw(r);
            case 1 -> "/api/posts/" + raw(r) + "/similar";
            case 2, 3 -> "/api/similar";
            case 4, 5, 6 -> "/api/suggest";
            default -> "/api/search";
        });
        int params = r.nextInt(5);
        for (int p = 0; p < params; p++) {
            path.append(p == 0 ? '?' : '&');
            String name = kind == 2 || kind == 3 ? (r.nextBoolean() ? "url" : "id") : PARAMS[r.nextInt(PARAMS.length)];
            String value = r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : text(r);
            // Mostly well encoded, sometimes raw bytes as a careless client sends them.
            path.append(name).append('=').append(r.nextInt(8) == 0 ? raw(r) : enc(value));
        }
        return path.toString();
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                b.appendCodePoint(r.nextInt(6) == 0 ? r.nextInt(0x20) : 0x20 + r.nextInt(0x3000));
            } else {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
            b.append(r.nextBoolean() ? " " : "");
        }
        if (r.nextInt(50) == 0) {
            b.append("z ".repeat(8_200)); // over the query limit
        }
        return b.toString();
    }

    /** Characters a well-behaved client would have escaped (but never a space, CR or LF, which end the line). */
    private static String raw(Random r) {
        String[] bits = {"%", "%zz", "%e2%82", "%c3%28", "é", "<>", "\"", "{}", "|", "^", "`", "%00", "..", "%2e%2e%2f",
            "a", "AAAAAAAAAAAAAAAA", "vexLahf9SMqQ93wc"};
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            b.append(bits[r.nextInt(bits.length)]);
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void check(String target, ConcurrentLinkedQueue<String> failures) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) MAX_MILLIS * 3);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] bytes = readAll(in);
            long millis = (System.nanoTime() - start) / 1_000_000;
            String response = new String(bytes, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String body = response.substring(split + 4); // bytes as chars: chunk sizes count bytes
            boolean posts = target.startsWith("/api/posts/") || target.startsWith("/api/similar");
            if (status >= 500 || !(status == 200 || status == 400 || (posts && status == 404))) {
                failures.add(target + ": status " + status + "\n" + body);
            } else if (!headers.contains("content-type: application/json")) {
                failures.add(target + ": not JSON (" + status + ")\n" + response);
            } else if (millis > MAX_MILLIS) {
                failures.add(target + ": took " + millis + " ms");
            } else {
                String json = new String((headers.contains("transfer-encoding: chunked") ? dechunk(body) : body)
                        .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                JsonNode node = Json.MAPPER.readTree(json);
                if (status != 200 && !node.hasNonNull("error")) {
                    failures.add(target + ": error without a message: " + json);
                }
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
