package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;

/**
 * What searches keep for one searcher generation (one view of the index), built when a search first meets
 * it and dropped with it: the highlighter, the facet ordinals and their counter, remembered word lookups,
 * and the tag counts. Nothing here outlives the generation but the segments' unpacked ordinals, which the
 * next generation takes over for the segments it shares.
 */
final class Generation {
    final IndexReader reader;
    final Snippets snippets;
    /** The facet ordinals of the whole index (costly to build), or null while no post has a facet. */
    final SortedSetDocValuesReaderState facets;
    final FacetCounter counter;
    final ReaderMemo memo;
    final Queries.Vocabulary vocabulary;
    private volatile List<FacetValue> tags;

    /** The generation of {@code searcher}, taking over what {@code previous} (may be null) unpacked. */
    Generation(IndexSearcher searcher, Generation previous) {
        this.reader = searcher.getIndexReader();
        this.snippets = new Snippets(searcher);
        this.memo = new ReaderMemo(reader);
        this.vocabulary = vocabulary(reader, memo);
        SortedSetDocValuesReaderState state;
        try {
            state = new DefaultSortedSetDocValuesReaderState(reader, PostSchema.facets());
        } catch (IllegalArgumentException e) {
            state = null; // no post has facets yet
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.facets = state;
        try {
            this.counter = new FacetCounter(reader, state, previous == null ? null : previous.counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code reader} knows of words, for a query's choice of the words that carry it. */
    private static Queries.Vocabulary vocabulary(IndexReader reader, ReaderMemo memo) {
        int posts;
        try {
            posts = reader.getDocCount(PostSchema.WORDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> languages = PostSchema.languages(reader);
        return new Queries.Vocabulary() {
            @Override
            public int docFreq(String term) {
                try {
                    return memo.docFreq(new Term(PostSchema.WORDS, term));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int docCount() {
                return posts;
            }

            @Override
            public List<String> languages() {
                return languages;
            }
        };
    }

    /** Every tag with its number of posts, most used first; counted once per generation. */
    List<FacetValue> tags() {
        List<FacetValue> t = tags;
        if (t == null) {
            try {
                t = counter.everything().values(Dimension.TAG, Integer.MAX_VALUE, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tags = t;
        }
        return t;
    }
}
