package blogsearch.engine;

import blogsearch.post.Post;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A way to count and narrow results: each is a facet of every result (counted over the matches) and a
 * filter of a request (several values mean any of them). The label names it in the API, the CLI and the
 * index alike; the declaration order is the order results list their facets in.
 */
public enum Dimension {
    TAG("tag", 20, true, Post::tags),
    AUTHOR("author", 10, false, p -> present(p.author())),
    FEED("feed", 20, false, p -> present(p.feedTitle())),
    /** The year a post was published, in UTC. */
    YEAR("year", 100, false, p -> p.published().map(d -> List.of(Integer.toString(
            d.atZone(ZoneOffset.UTC).getYear()))).orElse(List.of())),
    /** The language a post was found to be written in, as a code ("de"); posts with none told are "en". */
    LANGUAGE("language", 50, false, p -> present(p.language()));

    private final String label;
    private final int shown;
    private final boolean multiValued;
    private final Function<Post, List<String>> values;

    Dimension(String label, int shown, boolean multiValued, Function<Post, List<String>> values) {
        this.label = label;
        this.shown = shown;
        this.multiValued = multiValued;
        this.values = values;
    }

    /** The name of the facet in results and of the filter in requests: "tag", "author", "feed", "year", "language". */
    public String label() {
        return label;
    }

    /** How many of its values a result shows, the most frequent (selected values are added to them). */
    public int shown() {
        return shown;
    }

    /** Whether a post may have several values (tags) rather than at most one. */
    public boolean multiValued() {
        return multiValued;
    }

    /** The values {@code post} has, as written. */
    public List<String> of(Post post) {
        return values.apply(post);
    }

    /**
     * Whether values that differ only in case are one value ("Java" and "java"), matched by {@link #key}; years
     * are numbers, matched as written.
     */
    public boolean caseFolded() {
        return this != YEAR;
    }

    /** Whether values are listed in their own order, the largest first (newest year), not most frequent first. */
    public boolean listedByValue() {
        return this == YEAR;
    }

    /** The form selections are matched in: stripped, and lower-cased if {@link #caseFolded}, so tag=java finds "Java". */
    public String key(String value) {
        return caseFolded() ? value.strip().toLowerCase(Locale.ROOT) : value.strip();
    }

    /** Checks a value given as a filter, naming the parameter when it is not one this dimension can have. */
    void check(String value) {
        if (this == YEAR && !value.matches("\\d{4}")) {
            throw new BadRequest(label, "year '" + value + "' is not a four-digit year");
        }
        if (this == LANGUAGE && !key(value).matches("[a-z]{2,3}")) {
            throw new BadRequest(label, "language '" + value + "' is not a language code such as en, de or zh");
        }
    }

    private static List<String> present(String value) {
        return value.isEmpty() ? List.of() : List.of(value);
    }
}
