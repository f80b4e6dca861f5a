package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostIndex;
import blogsearch.search.SearchService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `blogsearch serve` as a user runs it: first-run indexing, the startup log, and a clean SIGTERM. */
class ServeCommandIT {
    private static final String SECRET = "tok-7f3a9c1e5b";
    private static final Pattern URL = Pattern.compile("serving http://localhost:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void firstRunIndexesTheSampleServesAndShutsDownCleanlyOnSigterm() throws Exception {
        Path indexDir = dir.resolve("index");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dblogsearch.home=" + Path.of("").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "blogsearch.Main",
                "serve", "--index", indexDir.toString(), "--port", "0", "--admin-token", SECRET));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> log = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        reader.start();
        try {
            int port = -1;
            long deadline = System.currentTimeMillis() + 60_000;
            while (port < 0 && System.currentTimeMillis() < deadline && p.isAlive()) {
                for (String line : log) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        port = Integer.parseInt(m.group(1));
                    }
                }
                Thread.sleep(50);
            }
            assertThat(port).as(String.join("\n", log)).isPositive();
            assertThat(String.join("\n", log)).contains("first run: indexing the sample feeds")
                    .containsPattern("index .*index: 6 posts from 1 feed ");

            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(stats.body()).get("posts").asInt()).isEqualTo(6);

            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
        } finally {
            p.destroyForcibly();
        }
        assertThat(String.join("\n", log)).as("the admin token is never logged").doesNotContain(SECRET)
                .contains("POST /api/reindex is enabled");
        assertThat(String.join("\n", log)).contains("stopping: finishing requests in flight")
                .contains("stopped; the index is committed and closed");
        try (PostIndex index = PostIndex.openReadOnly(indexDir)) {
            assertThat(new SearchService(index).stats().posts()).isEqualTo(6);
        }
    }
}
