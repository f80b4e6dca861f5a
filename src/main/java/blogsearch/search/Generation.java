package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * What searches keep for one searcher generation (one view of the index), built when a search first meets
 * it and dropped with it: the highlighter, the facet ordinals and their counter, remembered word lookups,
 * the tag counts, and what search by meaning needs to know (whether posts have vectors, which are not in
 * English). Nothing here outlives the generation but the segments' unpacked ordinals, which the next
 * generation takes over for the segments it shares.
 */
final class Generation {
    final IndexReader reader;
    final Snippets snippets;
    /** The facet ordinals of the whole index (costly to build), or null while no post has a facet. */
    final SortedSetDocValuesReaderState facets;
    final FacetCounter counter;
    final ReaderMemo memo;
    final Queries.Vocabulary vocabulary;
    /** Whether any post has a vector: else searches are by words only. */
    final boolean hasVectors;
    /**
     * The posts in a language other than English, which the (English) model cannot place; null if none of them has a
     * vector (an index written before they were left without one may hold some), so that no search needs to leave
     * them out.
     */
    final Query otherLanguages;
    private volatile List<FacetValue> tags;
    private volatile FixedBitSet otherLanguagePosts;

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
            this.hasVectors = hasVectors(reader);
            this.otherLanguages = otherLanguages(searcher, counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasVectors(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues v = leaf.reader().getFloatVectorValues(PostSchema.VECTOR);
            if (v != null && v.size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static Query otherLanguages(IndexSearcher searcher, FacetCounter counter) throws IOException {
        SortedSetDocValuesReaderState.OrdRange range = counter.range(Dimension.LANGUAGE);
        if (range == null) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int n = 0;
        for (int ord = range.start(); ord <= range.end(); ord++) {
            String key = counter.key(Dimension.LANGUAGE, ord);
            if (!PostSchema.placedByMeaning(key)) {
                any.add(new TermQuery(PostSchema.filterTerm(Dimension.LANGUAGE, key)), BooleanClause.Occur.SHOULD);
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        Query others = any.build();
        return searcher.count(new BooleanQuery.Builder().add(others, BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(PostSchema.VECTOR), BooleanClause.Occur.FILTER).build()) == 0 ? null : others;
    }

    /** The posts of {@link #otherLanguages}, by their number in the whole index; null if there are none. */
    Bits otherLanguagePosts(IndexSearcher searcher) throws IOException {
        if (otherLanguages == null) {
            return null;
        }
        FixedBitSet posts = otherLanguagePosts;
        if (posts == null) {
            posts = new FixedBitSet(reader.maxDoc());
            Weight w = searcher.createWeight(searcher.rewrite(otherLanguages), ScoreMode.COMPLETE_NO_SCORES, 1);
            for (LeafReaderContext leaf : reader.leaves()) {
                Scorer scorer = w.scorer(leaf);
                if (scorer != null) {
                    DocIdSetIterator it = scorer.iterator();
                    for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                        posts.set(leaf.docBase + doc);
                    }
                }
            }
            otherLanguagePosts = posts;
        }
        return posts;
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
