package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * A search narrowed by values of one dimension, counted sideways (see {@link FacetCounter#sideways}): the
 * dimension's ordinals in the whole index, [start, end], and the selected values, which posts carry as the
 * same terms the search filters by (see PostSchema#filterTerm).
 */
record Sideways(int start, int end, Dimension dim, List<String> selected) {
    /** The segment's posts that carry a selected value. */
    FixedBitSet carriers(LeafReaderContext context) throws IOException {
        FixedBitSet bits = new FixedBitSet(context.reader().maxDoc());
        for (String value : selected) {
            PostingsEnum posts = context.reader().postings(PostSchema.filterTerm(dim, value), PostingsEnum.NONE);
            if (posts != null) {
                posts.nextDoc();
                posts.intoBitSet(DocIdSetIterator.NO_MORE_DOCS, bits, 0);
            }
        }
        return bits;
    }

    /** {@code inner} with only the matches that carry a selected value reaching its collectors. */
    <T> CollectorManager<Collector, T> selectedOnly(CollectorManager<? extends Collector, T> inner) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() throws IOException {
                return new Narrowed(inner.newCollector(), Sideways.this);
            }

            @Override
            @SuppressWarnings("unchecked")
            public T reduce(Collection<Collector> collectors) throws IOException {
                List<Collector> inners = new ArrayList<>();
                for (Collector c : collectors) {
                    inners.add(((Narrowed) c).inner());
                }
                return ((CollectorManager<Collector, T>) inner).reduce(inners);
            }
        };
    }

    /** A collector that sees only the matches carrying a selected value. */
    private static final class Narrowed extends FilterCollector {
        private final Sideways narrowing;

        Narrowed(Collector in, Sideways narrowing) {
            super(in);
            this.narrowing = narrowing;
        }

        Collector inner() {
            return in;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            FixedBitSet carriers = narrowing.carriers(context);
            return new FilterLeafCollector(super.getLeafCollector(context)) {
                @Override
                public void collect(int doc) throws IOException {
                    if (carriers.get(doc)) {
                        in.collect(doc);
                    }
                }
            };
        }

        @Override
        public void setWeight(Weight weight) {
            // The weight is of the wider search: no counting shortcuts from it.
        }
    }
}
