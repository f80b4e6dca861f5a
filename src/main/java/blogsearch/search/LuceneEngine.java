package blogsearch.search;

import blogsearch.embed.Embedder;
import blogsearch.engine.BadRequest;
import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.PostRecord;
import blogsearch.engine.VectorRecord;
import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Stats;
import blogsearch.engine.Suggestion;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded engine: a Lucene index in a folder ({@link PostIndex}), searched through {@link SearchService}.
 */
public final class LuceneEngine implements Engine {
    private static final int EXPORT_BATCH = 500;
    private final PostIndex index;
    private final SearchService search;

    /** The engine over {@code index}, which it closes when it is closed. */
    public LuceneEngine(PostIndex index) {
        this(index, Synonyms.NONE);
    }

    /** As {@link #LuceneEngine(PostIndex)}, queries also finding what {@code synonyms} declares alike. */
    public LuceneEngine(PostIndex index, Synonyms synonyms) {
        this.index = index;
        this.search = new SearchService(index, synonyms);
    }

    /** As {@link #LuceneEngine(PostIndex)}, queries placed by {@code embedder}, which its owner closes. */
    public LuceneEngine(PostIndex index, Embedder embedder) {
        this.index = index;
        this.search = new SearchService(index, Synonyms.NONE, embedder);
    }

    /** The index at {@code path}, opened for writing (created if there is none). */
    public static LuceneEngine open(Path path) {
        return open(path, Optional.empty());
    }

    /** As {@link #open(Path)}, queries also finding what the file {@code synonyms} declares alike, if any. */
    public static LuceneEngine open(Path path, Optional<Path> synonyms) {
        Synonyms rules = synonyms(synonyms);
        return new LuceneEngine(PostIndex.open(path), rules);
    }

    /** The index at {@code path}, opened for writing (created if there is none) with this much buffer. */
    public static LuceneEngine open(Path path, double ramBufferMb) {
        return new LuceneEngine(PostIndex.open(path, ramBufferMb));
    }

    /**
     * The index at {@code path}, opened for searching only (it must exist, and others may write to it), with
     * the synonyms of the file {@code synonyms} if any.
     */
    public static LuceneEngine openReadOnly(Path path, Optional<Path> synonyms) {
        Synonyms rules = synonyms(synonyms);
        return new LuceneEngine(PostIndex.openReadOnly(path), rules);
    }

    /** The rules in {@code file}, read before the index opens; a file that cannot be read is bad input. */
    private static Synonyms synonyms(Optional<Path> file) {
        return file.map(Synonyms::load).orElse(Synonyms.NONE);
    }

    /** Whether there is an index at {@code path}. */
    public static boolean exists(Path path) {
        return PostIndex.exists(path);
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public Optional<Post> post(String idOrUrl) {
        return search.post(idOrUrl);
    }

    @Override
    public Optional<HighlightedPost> highlighted(String idOrUrl, String query) {
        return search.highlighted(idOrUrl, query);
    }

    @Override
    public Optional<Related> related(String idOrUrl, int size) {
        return search.related(idOrUrl, size);
    }

    @Override
    public List<Suggestion> suggest(String prefix, int size) {
        return search.suggest(prefix, size);
    }

    @Override
    public List<FacetValue> tags(int limit) {
        return search.tags(limit);
    }

    @Override
    public Stats stats() {
        return search.stats();
    }

    @Override
    public Optional<Embedder> model() {
        return search.model();
    }

    @Override
    public long version() {
        return search.version();
    }

    @Override
    public long[] cacheCounts() {
        return search.cacheCounts();
    }

    @Override
    public void refresh() {
        index.refresh();
    }

    @Override
    public boolean writable() {
        return index.writable();
    }

    @Override
    public Snapshot snapshot() {
        return index.snapshot();
    }

    @Override
    public void put(List<PostRecord> posts) {
        for (PostRecord p : posts) {
            index.put(p.post(), p.hash());
        }
    }

    @Override
    public List<PostRecord> lackingVectors(int limit) {
        return index.lackingVectors(limit);
    }

    @Override
    public int putVectors(List<VectorRecord> vectors) {
        return index.putVectors(vectors);
    }

    @Override
    public void dropReplaced() {
        index.dropReplaced();
    }

    @Override
    public void putFeed(FeedRecord feed) {
        index.putFeed(feed);
    }

    @Override
    public void flush() {
        index.flush();
    }

    @Override
    public void commit() {
        index.commit();
    }

    @Override
    public Optional<String> writeFailure() {
        return index.writeFailure();
    }

    @Override
    public void reopenIfFailed() {
        index.reopenIfFailed();
    }

    @Override
    public Merged optimize(int maxSegments) {
        int segments = index.segmentCount();
        long bytes = index.sizeInBytes();
        index.forceMerge(maxSegments);
        return new Merged(segments, index.segmentCount(), bytes, index.sizeInBytes());
    }

    /** An index folder is rebuilt by reading its feeds again: there is no alias to switch. */
    @Override
    public Reindexed reindex() {
        throw new BadRequest("engine", "reindex rebuilds an OpenSearch index; an index folder is rebuilt by "
                + "'blogsearch index --force' with its feeds");
    }

    @Override
    public void export(Consumer<List<PostRecord>> posts, Consumer<FeedRecord> feeds) {
        index.export(EXPORT_BATCH, posts, feeds);
    }

    @Override
    public void close() {
        try {
            search.close();
        } finally {
            index.close();
        }
    }
}
