package blogsearch.engine;

import java.util.Objects;

/**
 * A post's vector, made from the version of the post with fingerprint {@code hash}: an engine keeps it only if the
 * post is still that version.
 */
public record VectorRecord(String id, long hash, float[] vector) {
    public VectorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
    }
}
