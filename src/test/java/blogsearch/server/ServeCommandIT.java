package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.bench.BlogSite;
import blogsearch.index.PostIndex;
import blogsearch.json.Json;
import blogsearch.search.SearchService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** A blogsearch folder of its own, with the sample blog, so that its default index is made here. */
    private Path home() throws Exception {
        Path home = dir.resolve("blogsearch");
        Path feeds = Files.createDirectories(home.resolve("index-data/feeds"));
        Files.copy(Path.of("index-data/feeds/fewbar.xml"), feeds.resolve("fewbar.xml"));
        return home;
    }

    @Test
    void firstRunIndexesTheSampleServesAndShutsDownCleanlyOnSigterm() throws Exception {
        Path home = home();
        Path indexDir = home.resolve("index-data/index");
        List<String> log = new CopyOnWriteArrayList<>();

        Served p = serve(home, log, "--port", "0", "--admin-token", SECRET);
        try {
            int port = port(p.process(), log);
            assertThat(String.join("\n", log)).contains("first run: indexing the sample feeds")
                    .containsPattern("index .*index: 6 posts from 1 feed ");
            assertThat(posts(port)).isEqualTo(6);
            assertThat(String.join("\n", log))
                    .contains("6 posts without a vector for search by meaning: embedding them in the background");
            long deadline = System.currentTimeMillis() + 60_000;
            while (log.stream().noneMatch(l -> l.contains("embedded 6 posts for search by meaning"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            p.stop();
        } finally {
            p.process().destroyForcibly();
        }
        assertThat(String.join("\n", log)).contains("embedded 6 posts for search by meaning");
        assertThat(String.join("\n", log)).as("the admin token is never logged").doesNotContain(SECRET)
                .contains("POST /api/reindex is enabled");
        assertThat(String.join("\n", log)).contains("stopping: finishing requests in flight")
                .contains("stopped; the index is committed and closed");
        try (PostIndex index = PostIndex.openReadOnly(indexDir)) {
            assertThat(new SearchService(index).stats().posts()).isEqualTo(6);
            assertThat(new SearchService(index).stats().withoutVector()).as("vectors committed").isZero();
        }
    }

    @Test
    void createMakesAnEmptyIndexAtAnotherPathWithoutTheSample() throws Exception {
        Path indexDir = dir.resolve("elsewhere");
        List<String> log = new CopyOnWriteArrayList<>();

        Served p = serve(home(), log, "--index", indexDir.toString(), "--create", "--port", "0");
        try {
            int port = port(p.process(), log);
            assertThat(String.join("\n", log)).doesNotContain("sample").containsPattern("index .*elsewhere: 0 posts");
            assertThat(posts(port)).isZero();
            p.stop();
        } finally {
            p.process().destroyForcibly();
        }
        assertThat(PostIndex.exists(indexDir)).isTrue();
    }

    @Test
    void followingABuiltSiteLogsWhatTheSiteGaveAndWhy() throws Exception {
        Path site = dir.resolve("_site");
        new BlogSite(30).write(site, "https://blog.example");
        List<String> log = new CopyOnWriteArrayList<>();

        Served p = serve(home(), log, "--index", dir.resolve("followed").toString(), "--create", "--port", "0",
                "--follow", site.toString(), "--every", "1h");
        try {
            port(p.process(), log);
            long deadline = System.currentTimeMillis() + 60_000;
            while (log.stream().noneMatch(l -> l.contains("site ")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            p.stop();
        } finally {
            p.process().destroyForcibly();
        }
        assertThat(log).as(String.join("\n", log)).anyMatch(l -> l.contains("site " + site)
                && l.contains("30 posts read") && l.contains("pages skipped: "));
    }

    /** A server process and the thread that reads its output. */
    private record Served(Process process, Thread reader) {
        /** SIGTERM through the handle (Process.destroy() would also close our end of its output), then the exit. */
        void stop() throws InterruptedException {
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
        }
    }

    private static Served serve(Path home, List<String> log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dblogsearch.home=" + home, "-cp", System.getProperty("java.class.path"), "blogsearch.Main", "serve"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("BLOGSEARCH_INDEX");
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Served(p, reader);
    }

    /** The port the server says it serves on, once it does. */
    private static int port(Process p, List<String> log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            for (String line : log) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'serving' line:\n" + String.join("\n", log));
    }

    private static int posts(int port) throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(stats.body()).get("posts").asInt();
    }
}
