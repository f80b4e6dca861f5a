package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages keep to their roles, read from the sources' imports: data flows one way, and what a user touches
 * (the server, the CLI, ingest) reaches the posts through the engine seam, which knows no Lucene.
 */
class LayoutTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "blogsearch");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    /** The packages of ours each package may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("post", Set.of()),
            Map.entry("feed", Set.of("post")),
            Map.entry("embed", Set.of()),
            Map.entry("engine", Set.of("embed", "post")),
            Map.entry("index", Set.of("engine", "lang", "post")),
            Map.entry("search", Set.of("embed", "engine", "index", "post")),
            Map.entry("lang", Set.of()),
            Map.entry("opensearch", Set.of("embed", "engine", "index", "json", "post", "search")),
            Map.entry("ingest", Set.of("embed", "engine", "feed", "lang", "post")),
            Map.entry("json", Set.of()),
            Map.entry("server", Set.of("engine", "ingest", "json")),
            Map.entry("bench", Set.of("embed", "engine", "feed", "index", "ingest", "post", "search")),
            Map.entry("cli", Set.of("bench", "embed", "engine", "ingest", "json", "opensearch", "post", "search", "server")));
    /** The one class of the CLI that chooses the engine, and so names it. */
    private static final Path ENGINE_CHOICE = SOURCES.resolve("cli").resolve("IndexOption.java");

    @Test
    void everyPackageImportsOnlyThePackagesBelowIt() {
        for (Path file : sources()) {
            String pkg = SOURCES.relativize(file).getNameCount() == 1 ? "" : SOURCES.relativize(file).getName(0)
                    .toString();
            if (pkg.isEmpty()) {
                continue; // Main hands over to the CLI
            }
            assertThat(ALLOWED).as("a package of its own: %s", pkg).containsKey(pkg);
            for (String imported : imports(file)) {
                if (imported.startsWith("blogsearch.")) {
                    String other = imported.split("\\.")[1];
                    assertThat(other.equals(pkg) || ALLOWED.get(pkg).contains(other))
                            .as("%s imports %s", file, imported).isTrue();
                }
            }
        }
    }

    @Test
    void whatUsersTouchReachesThePostsThroughTheEngineSeamAlone() {
        for (Path file : sources()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            boolean product = Set.of("engine", "ingest", "server", "cli", "json").contains(pkg);
            if (!product || file.equals(ENGINE_CHOICE)) {
                continue;
            }
            assertThat(imports(file)).as("%s", file)
                    .noneMatch(i -> i.startsWith("org.apache.lucene.") || i.startsWith("blogsearch.index.")
                            || i.startsWith("blogsearch.search."));
        }
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> out = new ArrayList<>(files.filter(p -> p.toString().endsWith(".java")).toList());
            assertThat(out).as("the sources, from the project folder").hasSizeGreaterThan(50);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
