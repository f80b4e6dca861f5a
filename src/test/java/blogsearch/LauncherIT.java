package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blogsearch.cli.BlogSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script, run as a user would, with no JAVA_HOME and no java on the PATH: it must find a JDK 21+
 * in the usual folders itself. Each test runs a copy of the project (the script and the built jar), so the
 * class-data archives it makes and any build it starts stay out of the real project.
 */
class LauncherIT {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    /** Where the launcher looks for JDKs when JAVA_HOME and the PATH have none (on Linux). */
    private static final List<String> USUAL_FOLDERS = List.of("/usr/lib/jvm/", "/usr/java/", "/opt/java/", "/opt/jdk");

    @TempDir
    Path dir;

    private Path bin;

    @BeforeEach
    void pathWithoutJava() throws IOException {
        String home = System.getProperty("java.home");
        assumeTrue(USUAL_FOLDERS.stream().anyMatch(home::startsWith),
                "the JDK running the tests (" + home + ") is not in a folder the launcher searches");
        bin = dir.resolve("bin");
        Files.createDirectories(bin);
        // Every command of /usr/bin (bash, sed, find, mvn...) except java.
        try (Stream<Path> commands = Files.list(Path.of("/usr/bin"))) {
            for (Path c : commands.toList()) {
                String name = c.getFileName().toString();
                if (!name.equals("java")) {
                    Files.createSymbolicLink(bin.resolve(name), c);
                }
            }
        }
    }

    /** JUnit would warn, link by link, that it leaves the commands the links point to alone. */
    @AfterEach
    void removeTheLinksToCommands() throws IOException {
        if (bin == null) {
            return;
        }
        try (Stream<Path> links = Files.list(bin)) {
            for (Path link : links.toList()) {
                Files.delete(link); // the link, never what it points to
            }
        }
        Files.delete(bin);
    }

    @Test
    void findsAJdkWithoutJavaHomeOrJavaOnThePath() throws Exception {
        Path project = copyOfBuiltProject();

        Run r = launch(project, Map.of(), "--version");

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out().lines().findFirst()).contains("blogsearch " + BlogSearch.VERSION);
        assertThat(r.err()).doesNotContain("Building");
    }

    @Test
    void passesOverAJavaHomeAndAPathJavaThatAreTooOld() throws Exception {
        Path project = copyOfBuiltProject();
        Path oldHome = fakeJdk(dir.resolve("jdk-17"), "17.0.9");
        Files.createSymbolicLink(bin.resolve("java"), oldHome.resolve("bin/java"));

        Run r = launch(project, Map.of("JAVA_HOME", oldHome.toString()), "--version");

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out().lines().findFirst()).contains("blogsearch " + BlogSearch.VERSION);
    }

    @Test
    void runsACommandWithTheJdkItFound() throws Exception {
        Path project = copyOfBuiltProject();
        Path feed = TestFeed.rss("Launcher", "https://launcher.example")
                .item("1", "Launched", java.time.Instant.parse("2020-01-01T00:00:00Z"), "Started by the script.")
                .write(dir.resolve("feed.xml"));

        Run indexed = launch(project, Map.of(), "index", "--offline", feed.toString());
        Run searched = launch(project, Map.of(), "search", "script");

        assertThat(indexed.code()).as("%s", indexed).isZero();
        assertThat(searched.code()).as("%s", searched).isZero();
        assertThat(searched.out()).contains("1 result").contains("Launched");
        assertThat(project.resolve("index-data/index")).as("the default index is in the blogsearch folder")
                .isDirectory();
    }

    @Test
    void buildsTheJarWhenItIsMissing() throws Exception {
        Path project = dir.resolve("project");
        copy(PROJECT.resolve("pom.xml"), project.resolve("pom.xml"));
        copy(PROJECT.resolve("blogsearch"), project.resolve("blogsearch"));
        TestFiles.copyTree(PROJECT.resolve("src/main"), project.resolve("src/main"));
        // Everything the build needs is in the local repository already: do not reach the network.
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-o\n");

        Run first = launch(project, Map.of(), "--version");
        Run second = launch(project, Map.of(), "--version");

        assertThat(first.code()).as("%s", first).isZero();
        // One line while Maven works, quietly and without colour codes; then the program's own lines.
        assertThat(first.err().lines()).as("%s", first)
                .containsExactly("Building blogsearch (first run, or the sources changed)...");
        assertThat(first.out()).as("%s", first).doesNotContain("\u001b").startsWith("blogsearch " + BlogSearch.VERSION);
        assertThat(project.resolve("target/blogsearch.jar")).isRegularFile();
        assertThat(second.code()).as("%s", second).isZero();
        assertThat(second.err()).as("an up-to-date jar is not built again").doesNotContain("Building");
    }

    @Test
    void aFailedBuildShowsWhatMavenSaidWithoutColourCodes() throws Exception {
        Path project = dir.resolve("project");
        copy(PROJECT.resolve("pom.xml"), project.resolve("pom.xml"));
        copy(PROJECT.resolve("blogsearch"), project.resolve("blogsearch"));
        TestFiles.copyTree(PROJECT.resolve("src/main"), project.resolve("src/main"));
        Files.writeString(project.resolve("src/main/java/blogsearch/Broken.java"), "class Broken { int x = ; }\n");
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-o\n");

        Run r = launch(project, Map.of(), "--version");

        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).startsWith("Building blogsearch").contains("Broken.java")
                .endsWith("Build failed; see the messages above.\n").doesNotContain("\u001b");
        assertThat(r.out()).isEmpty();
    }

    /**
     * The server runs with the JDK's vector module, whose every start prints "WARNING: Using incubator modules": not
     * a line for the user. The server's own lines, to its last, still come through.
     */
    @Test
    void theServerStartsWithoutTheIncubatorWarningAndSaysItsLastLines() throws Exception {
        Path project = copyOfBuiltProject();
        Path err = dir.resolve("serve-err.txt");
        ProcessBuilder pb = new ProcessBuilder(project.resolve("blogsearch").toString(), "serve", "--port", "0",
                "--create", "--index", dir.resolve("index").toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", bin.toString());
        Process p = pb.directory(dir.toFile()).redirectOutput(dir.resolve("serve-out.txt").toFile())
                .redirectError(err.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(err).contains("serving http://") && p.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(err)).contains("serving http://");
            assertThat(p.toHandle().destroy()).isTrue(); // SIGTERM, as a supervisor stops it
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        eventually(() -> Files.readString(err).contains("stopped;"));
        String log = Files.readString(err);
        assertThat(log).doesNotContain("incubator modules").contains("stopped; the index is committed and closed");
        assertThat(log.lines().findFirst()).as(log).hasValueSatisfying(l -> assertThat(l).doesNotStartWith("WARNING"));
    }

    /** Waits a few seconds for what another process writes. */
    private static void eventually(java.util.concurrent.Callable<Boolean> done) throws Exception {
        long until = System.currentTimeMillis() + 5_000;
        while (!done.call() && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------- helpers

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Run launch(Path project, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(project.resolve("blogsearch").toString()),
                Stream.of(args)).toList());
        pb.directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("BLOGSEARCH_INDEX");
        pb.environment().put("PATH", bin.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The launcher with the jar and libraries this build made, and no sources (so nothing to rebuild). */
    private Path copyOfBuiltProject() throws IOException {
        Path jar = PROJECT.resolve("target/blogsearch.jar");
        assertThat(jar).as("the jar from the package phase").isRegularFile();
        Path project = dir.resolve("installed");
        copy(PROJECT.resolve("blogsearch"), project.resolve("blogsearch"));
        copy(jar, project.resolve("target/blogsearch.jar"));
        TestFiles.copyTree(PROJECT.resolve("target/lib"), project.resolve("target/lib"));
        return project;
    }

    /** A folder that looks like a JDK of {@code version}; its java fails if it is ever used to run anything. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo 'openjdk version "%s"' >&2; exit 0; fi
                echo "this old java must not be used" >&2
                exit 3
                """.formatted(version));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
}
