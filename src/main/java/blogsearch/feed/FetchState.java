package blogsearch.feed;

import java.util.Objects;

/**
 * What was known of a feed when it was last read in full: HTTP validators for a conditional GET,
 * or a file's size and modification time. Equal state means the feed need not be read again.
 */
public record FetchState(String etag, String lastModified, long size, long modifiedMillis) {
    public static final FetchState NONE = new FetchState("", "", -1, -1);

    public FetchState {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
