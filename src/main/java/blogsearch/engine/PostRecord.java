package blogsearch.engine;

import blogsearch.post.Post;
import java.util.Objects;

/**
 * A post as an engine stores it, with the fingerprint of the feed entry it was made from: an entry with the
 * same fingerprint next time need not be cleaned and written again.
 */
public record PostRecord(Post post, long hash) {
    public PostRecord {
        Objects.requireNonNull(post, "post");
    }
}
