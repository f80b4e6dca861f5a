package blogsearch.index;

import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.IndexError;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/** The index at one moment, read for the indexer: each post's fingerprint, each feed's record. Thread-safe. */
final class IndexSnapshot implements Engine.Snapshot {
    private final DirectoryReader reader;

    IndexSnapshot(DirectoryReader reader) {
        this.reader = reader;
    }

    @Override
    public OptionalLong hash(String id) {
        try {
            int[] hit = find(id);
            if (hit == null) {
                return OptionalLong.empty();
            }
            NumericDocValues dv = reader.leaves().get(hit[0]).reader().getNumericDocValues(PostSchema.HASH);
            return dv != null && dv.advanceExact(hit[1]) ? OptionalLong.of(dv.longValue()) : OptionalLong.of(0);
        } catch (IOException e) {
            throw new IndexError(PostIndex.describe(e), e);
        }
    }

    @Override
    public Optional<FeedRecord> feed(String location) {
        try {
            int[] hit = find(FeedDocuments.term(location).text());
            if (hit == null) {
                return Optional.empty();
            }
            LeafReaderContext leaf = reader.leaves().get(hit[0]);
            Document doc = leaf.reader().storedFields().document(hit[1]);
            return Optional.of(FeedDocuments.toFeedRecord(doc));
        } catch (IOException e) {
            throw new IndexError(PostIndex.describe(e), e);
        }
    }

    /** {leaf index, doc} of the live document with this id, or null. */
    private int[] find(String id) throws IOException {
        BytesRef term = new BytesRef(id);
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(PostSchema.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            if (!te.seekExact(term)) {
                continue;
            }
            PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
            Bits live = leaf.reader().getLiveDocs();
            for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
                if (live == null || live.get(d)) {
                    return new int[] {leaf.ord, d};
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // only read from: nothing is lost
        }
    }
}
