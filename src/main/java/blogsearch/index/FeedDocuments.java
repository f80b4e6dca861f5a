package blogsearch.index;

import blogsearch.engine.FeedRecord;
import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;

/**
 * Feed bookkeeping in the index: one document of type "feed" per feed read in full, holding what a
 * conditional GET needs next time. It lives beside the posts so that it is committed atomically with them.
 */
public final class FeedDocuments {
    private static final String ID_PREFIX = "feed:";
    private static final String LOCATION = "location";
    private static final String FEED_TITLE = "feed_title";
    private static final String ETAG = "etag";
    private static final String LAST_MODIFIED = "last_modified";
    private static final String SIZE = "size";
    private static final String MTIME = "mtime";
    private static final String FETCHED = "fetched";

    private FeedDocuments() {}

    /** The id of the document that records the feed at {@code location}. */
    public static Term term(String location) {
        return PostSchema.idTerm(ID_PREFIX + location);
    }

    /** Whether a stored document is a feed's record rather than a post. */
    static boolean isFeed(Document doc) {
        String id = doc.get(PostSchema.ID);
        return id != null && id.startsWith(ID_PREFIX);
    }

    /** A feed record as a document of type "feed". */
    static Document toDocument(FeedRecord feed) {
        Document doc = new Document();
        doc.add(new StringField(PostSchema.ID, ID_PREFIX + feed.location(), Field.Store.YES));
        doc.add(new StringField(PostSchema.TYPE, PostSchema.TYPE_FEED, Field.Store.NO));
        doc.add(new StoredField(LOCATION, feed.location()));
        doc.add(new StoredField(FEED_TITLE, feed.title()));
        doc.add(new StoredField(ETAG, feed.etag()));
        doc.add(new StoredField(LAST_MODIFIED, feed.lastModified()));
        doc.add(new StoredField(SIZE, feed.size()));
        doc.add(new StoredField(MTIME, feed.modifiedMillis()));
        doc.add(new StoredField(FETCHED, feed.fetched().toEpochMilli()));
        PostSchema.addEmptyText(doc);
        return doc;
    }

    /** A feed record back from its document's stored fields. */
    static FeedRecord toFeedRecord(Document doc) {
        return new FeedRecord(doc.get(LOCATION), nz(doc.get(FEED_TITLE)), nz(doc.get(ETAG)), nz(doc.get(LAST_MODIFIED)),
                number(doc, SIZE), number(doc, MTIME), Instant.ofEpochMilli(number(doc, FETCHED)));
    }

    private static long number(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? -1 : f.numericValue().longValue();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
