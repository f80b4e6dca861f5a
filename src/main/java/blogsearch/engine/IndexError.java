package blogsearch.engine;

/**
 * A problem with where an engine keeps its posts (missing, locked, incompatible, unwritable, a full disk),
 * worded for the user.
 */
public final class IndexError extends RuntimeException {
    public IndexError(String message, Throwable cause) {
        super(message, cause);
    }
}
