package blogsearch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --index option every command shares. */
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

    /** Where blogsearch is installed: the launcher says so; otherwise the working folder. */
    static Path home() {
        String home = System.getProperty("blogsearch.home");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }
}
