package blogsearch.search;

import blogsearch.engine.Engine;
import blogsearch.engine.HighlightedPost;
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

/**
 * The embedded engine: a Lucene index in a folder ({@link PostIndex}), searched through {@link SearchService}.
 */
public final class LuceneEngine implements Engine {
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

    /**
     * The index at {@code path}, opened for searching only (it must exist, and others may write to it), with
     * the synonyms of the file {@code synonyms} if any; a file that cannot be read is bad input.
     */
    public static LuceneEngine openReadOnly(Path path, Optional<Path> synonyms) {
        Synonyms rules = synonyms.map(Synonyms::load).orElse(Synonyms.NONE);
        return new LuceneEngine(PostIndex.openReadOnly(path), rules);
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
    public void close() {
        index.close();
    }
}
