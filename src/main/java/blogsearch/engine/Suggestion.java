package blogsearch.engine;

/** An as-you-type suggestion: a tag (with how many posts have it) or a post title (with its id and url). */
public record Suggestion(String text, String kind, long count, String id, String url) {
    public static final String TAG = "tag";
    public static final String TITLE = "title";
    /** The most suggestions one request may ask for. */
    public static final int MAX_SIZE = 20;
}
