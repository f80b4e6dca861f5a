package blogsearch.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * What an engine remembers of a feed read in full: where it is, its title, what its source said of the
 * version that was read (HTTP validators, or a file's size and modification time, for a conditional read
 * next time; empty or -1 when unknown), and when it was read. Committed together with the feed's posts.
 */
public record FeedRecord(String location, String title, String etag, String lastModified, long size,
        long modifiedMillis, Instant fetched) {
    public FeedRecord {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(fetched, "fetched");
    }
}
