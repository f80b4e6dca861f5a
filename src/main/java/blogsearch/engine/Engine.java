package blogsearch.engine;

import blogsearch.embed.Embedder;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.post.Post;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Everything blogsearch can do with the posts it holds, whichever engine holds them: the one seam between
 * the product (ingest, the server, the CLI) and the engine (today the embedded Lucene index). Posts,
 * requests and results cross it as the records of this package. Implementations are thread-safe; bad input
 * is a {@link BadRequest} naming the parameter.
 */
public interface Engine extends AutoCloseable {
    /** One page of results: hits with highlighted snippets, facet counts, and spelling help. */
    SearchResult search(SearchRequest request);

    /** The post with this id or URL. */
    Optional<Post> post(String idOrUrl);

    /** The whole post with every match of {@code query} marked in its title and text. */
    Optional<HighlightedPost> highlighted(String idOrUrl, String query);

    /** Up to {@code size} posts like the one with this id or URL, never the post itself. */
    Optional<Related> related(String idOrUrl, int size);

    /** Up to {@code size} as-you-type completions of {@code prefix}: tags, then post titles. */
    List<Suggestion> suggest(String prefix, int size);

    /** The {@code limit} most used tags with their number of posts, most used first. */
    List<FacetValue> tags(int limit);

    /** Posts, feeds, top tags, date range and size of what the engine holds. */
    Stats stats();

    /**
     * The model of search by meaning, loaded now if it is not yet (rather than by the first search that needs it),
     * for queries and for giving posts their vectors; empty if it is not installed or the engine keeps no vectors.
     */
    Optional<Embedder> model();

    /** Changes whenever what searches see changes: for cache validators. */
    long version();

    /** How many searches were answered from recent results, and how many were run: {hits, misses}. */
    long[] cacheCounts();

    /** Makes the latest changes visible to searches. */
    void refresh();

    // Writes, for ingest. What is written becomes durable when committed, and visible after a refresh.
    // A write that fails throws an IndexError saying why (a full disk, say).

    /** Whether this engine was opened to write as well as to read. */
    boolean writable();

    /** What the engine holds at this moment, to decide what to write; close when done. */
    Snapshot snapshot();

    /** Adds these posts, or replaces the posts with the same ids. */
    void put(List<PostRecord> posts);

    /** Up to {@code limit} posts that still lack a vector, as stored, with their fingerprints. */
    List<PostRecord> lackingVectors(int limit);

    /** Gives posts their vectors (to be committed), skipping any that changed since; returns how many got one. */
    int putVectors(List<VectorRecord> vectors);

    /**
     * Drops from storage the versions of posts that their vectors replaced (to be committed): until then they still
     * count in how many posts have each word, and so in the ranking by words.
     */
    void dropReplaced();

    /** Remembers a feed read in full, to be committed together with its posts. */
    void putFeed(FeedRecord feed);

    /** Writes out what was put so far, so that a commit that follows holds writers back only briefly. */
    void flush();

    /** Makes everything put so far durable, all of it or none. */
    void commit();

    /** Why writing failed and stopped, if it did, in words a user can act on. */
    Optional<String> writeFailure();

    /** After writing failed, makes it possible again from the last commit; does nothing while writes work. */
    void reopenIfFailed();

    /** Merges what is stored into at most {@code maxSegments} segments, and commits: for read-mostly use. */
    Merged optimize(int maxSegments);

    /**
     * Builds the index again from the posts it holds, laid out as the schema now says, and puts the new one in
     * place at once while searches go on; no feed is read. Writers must wait until it is done. An engine that
     * cannot says what to do instead (a {@link BadRequest}).
     */
    Reindexed reindex();

    /** Every post held, with its fingerprint, in batches; then every feed record: for copying into another engine. */
    void export(Consumer<List<PostRecord>> posts, Consumer<FeedRecord> feeds);

    /** Lets go of the engine without making anything durable that was not committed. */
    @Override
    void close();

    /** A point-in-time view of what is stored. Thread-safe. */
    interface Snapshot extends AutoCloseable {
        /** The fingerprint stored with post {@code id} (see {@link PostRecord}), if the post is there. */
        OptionalLong hash(String id);

        /** What is remembered of the feed at {@code location}. */
        Optional<FeedRecord> feed(String location);

        @Override
        void close();
    }

    /** What {@link #reindex} did: the index it replaced, the one now in place, and the posts copied. */
    record Reindexed(String from, String to, long posts) {}

    /** What {@link #optimize} did: segments and bytes on disk before and after. */
    record Merged(int segmentsBefore, int segmentsAfter, long bytesBefore, long bytesAfter) {}
}
