package blogsearch.cli;

import blogsearch.bench.IndexBench;
import blogsearch.engine.BadRequest;
import blogsearch.engine.Engine;
import blogsearch.engine.IndexError;
import blogsearch.opensearch.OpenSearchEngine;
import blogsearch.search.LuceneEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --index and --engine options every command shares, and the one place the CLI chooses its engine. */
final class IndexOption {
    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where posts are kept: lucene (an index folder, the default) or opensearch (a cluster).")
    String engine;

    @Option(names = "--opensearch", paramLabel = "URL",
            description = "The OpenSearch cluster, http(s)://host:port, several separated by commas (default: "
                    + "$BLOGSEARCH_OPENSEARCH). Signs in with $BLOGSEARCH_OPENSEARCH_USER and _PASSWORD, or "
                    + "$BLOGSEARCH_OPENSEARCH_API_KEY; TLS certificates are verified.")
    String opensearch;

    @Option(names = "--opensearch-index", paramLabel = "NAME", defaultValue = OpenSearchEngine.Options.DEFAULT_INDEX,
            description = "The alias the posts are behind on the cluster (default: ${DEFAULT-VALUE}).")
    String opensearchIndex;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
            description = "Shards of a new OpenSearch index (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "Replicas of each shard of a new OpenSearch index (default: ${DEFAULT-VALUE}).")
    int replicas;

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

    /** Whether the OpenSearch engine is chosen, by --engine or by giving a cluster's address. */
    boolean onOpenSearch() {
        String e = engine == null ? "" : engine.strip().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "opensearch" -> true;
            case "lucene" -> false;
            case "" -> opensearch != null;
            default -> throw new BadRequest("engine", "unknown engine '" + engine + "': use lucene or opensearch");
        };
    }

    private OpenSearchEngine.Options cluster() {
        String url = opensearch != null ? opensearch : System.getenv("BLOGSEARCH_OPENSEARCH");
        if (url == null || url.isBlank()) {
            throw new BadRequest("opensearch", "--engine opensearch needs the cluster's address: --opensearch URL "
                    + "or $BLOGSEARCH_OPENSEARCH");
        }
        return OpenSearchEngine.Options.of(url, opensearchIndex, shards, replicas);
    }

    /** The cluster, for a command given synonyms: those are applied by the embedded engine only, for now. */
    private OpenSearchEngine.Options cluster(Optional<Path> synonyms) {
        if (synonyms.isPresent()) {
            throw new BadRequest("synonyms", "--synonyms works with the embedded engine only, not on OpenSearch");
        }
        return cluster();
    }

    /** Where the posts are, for messages: the index folder, or the cluster and the index name. */
    String where() {
        return onOpenSearch() ? opensearchIndex + " on OpenSearch at " + cluster().nodes().get(0)
                : path().toAbsolutePath().normalize().toString();
    }

    /** Whether there is an index yet. */
    boolean exists() {
        return onOpenSearch() ? OpenSearchEngine.exists(cluster()) : LuceneEngine.exists(path());
    }

    /** The engine over the index, for writing too: created if there is none, and no other process may write. */
    Engine open() {
        return onOpenSearch() ? OpenSearchEngine.open(cluster()) : LuceneEngine.open(path());
    }

    /** As {@link #open()}, queries also finding what the file {@code synonyms} declares alike, if any. */
    Engine open(Optional<Path> synonyms) {
        return onOpenSearch() ? OpenSearchEngine.open(cluster(synonyms)) : LuceneEngine.open(path(), synonyms);
    }

    /** As {@link #open()}, buffering this much of what is written before it goes to disk. */
    Engine open(double ramBufferMb) {
        return onOpenSearch() ? OpenSearchEngine.open(cluster()) : LuceneEngine.open(path(), ramBufferMb);
    }

    /**
     * The engine over the index, for searching only, with the synonyms in {@code synonyms} if any: the index
     * must exist, and a server may be writing to it.
     */
    Engine openReadOnly(Optional<Path> synonyms) {
        return onOpenSearch() ? OpenSearchEngine.openReadOnly(cluster(synonyms))
                : LuceneEngine.openReadOnly(path(), synonyms);
    }

    /** The index folder at {@link #path()}, for reading, whichever engine is chosen: what {@code migrate} copies. */
    Engine openFolder() {
        if (!LuceneEngine.exists(path())) {
            throw new IndexError("no index at " + path().toAbsolutePath().normalize()
                    + ": give the folder to copy with --index DIR", null);
        }
        return LuceneEngine.openReadOnly(path(), Optional.empty());
    }

    /** The engine named {@code to} for writing, with these options: where {@code migrate} copies to. */
    Engine openTarget(String to) {
        checkTarget(to);
        return OpenSearchEngine.open(cluster());
    }

    /** Checks that {@code migrate} can copy to the engine named {@code to}, and that it is given an address. */
    void checkTarget(String to) {
        if (!to.strip().equalsIgnoreCase("opensearch")) {
            throw new BadRequest("to", "cannot migrate to '" + to + "': an index folder is copied to opensearch");
        }
        cluster();
    }

    /** Where {@link #openTarget} writes, for messages. */
    String targetWhere() {
        return opensearchIndex + " on OpenSearch at " + cluster().nodes().get(0);
    }

    /**
     * The cluster, if one is chosen, as the engine the benchmarks set beside the embedded one: its name, how to
     * open it, and the options that make {@code blogsearch serve} use it.
     */
    Optional<IndexBench.Other> benchEngine() {
        if (!onOpenSearch()) {
            return Optional.empty();
        }
        OpenSearchEngine.Options c = cluster();
        String name = "OpenSearch (" + c.nodes().size() + " address" + (c.nodes().size() == 1 ? "" : "es") + ", index "
                + c.index() + ")";
        return Optional.of(new IndexBench.Other(name, () -> OpenSearchEngine.open(c)));
    }

    /** The options that make {@code blogsearch serve} open the chosen cluster, if one is chosen. */
    Optional<List<String>> serveOptions() {
        if (!onOpenSearch()) {
            return Optional.empty();
        }
        OpenSearchEngine.Options c = cluster();
        return Optional.of(List.of("--engine", "opensearch", "--opensearch", String.join(",", c.nodes().stream()
                .map(Object::toString).toList()), "--opensearch-index", c.index()));
    }

    /** Where blogsearch is installed: the launcher says so; otherwise the working folder. */
    static Path home() {
        String home = System.getProperty("blogsearch.home");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }
}
