package blogsearch.cli;

import blogsearch.engine.Engine;
import blogsearch.search.LuceneEngine;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --index option every command shares, and the one place the CLI chooses its engine. */
final class IndexOption {
    @Option(names = "--index", paramLabel = "DIR",
            description = "Index folder (default: index-data/index in the blogsearch folder, or $BLOGSEARCH_INDEX).")
    Path index;

    Path path() {
        if (index != null) {
            return index;
        }
        String env = System.getenv("BLOGSEARCH_INDEX");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return defaultPath();
    }

    /** Whether {@link #path()} is the default index in the blogsearch folder, however it was named. */
    boolean isDefault() {
        return path().toAbsolutePath().normalize().equals(defaultPath().toAbsolutePath().normalize());
    }

    private static Path defaultPath() {
        return home().resolve("index-data").resolve("index");
    }

    /** Whether there is an index yet. */
    boolean exists() {
        return LuceneEngine.exists(path());
    }

    /** The engine over the index, for writing too: created if there is none, and no other process may write. */
    Engine open() {
        return LuceneEngine.open(path());
    }

    /** As {@link #open()}, queries also finding what the file {@code synonyms} declares alike, if any. */
    Engine open(Optional<Path> synonyms) {
        return LuceneEngine.open(path(), synonyms);
    }

    /** As {@link #open()}, buffering this much of what is written before it goes to disk. */
    Engine open(double ramBufferMb) {
        return LuceneEngine.open(path(), ramBufferMb);
    }

    /**
     * The engine over the index, for searching only, with the synonyms in {@code synonyms} if any: the index
     * must exist, and a server may be writing to it.
     */
    Engine openReadOnly(Optional<Path> synonyms) {
        return LuceneEngine.openReadOnly(path(), synonyms);
    }

    /** Where blogsearch is installed: the launcher says so; otherwise the working folder. */
    static Path home() {
        String home = System.getProperty("blogsearch.home");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }
}
