package blogsearch.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One blog post as blogsearch knows it: plain text only, no markup.
 * Missing strings are empty, missing dates are empty Optionals: never null, never "now".
 */
public record Post(
        String id,
        String url,
        String title,
        String author,
        Optional<Instant> published,
        Optional<Instant> updated,
        List<String> tags,
        String feedTitle,
        String feedUrl,
        String language,
        String text,
        String summary) {

    public Post {
        PostId.requireValid(id);
        url = Objects.requireNonNull(url, "url");
        title = Objects.requireNonNull(title, "title");
        author = Objects.requireNonNull(author, "author");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        tags = List.copyOf(tags);
        feedTitle = Objects.requireNonNull(feedTitle, "feedTitle");
        feedUrl = Objects.requireNonNull(feedUrl, "feedUrl");
        language = Objects.requireNonNull(language, "language");
        text = Objects.requireNonNull(text, "text");
        summary = Objects.requireNonNull(summary, "summary");
    }

    /** The same post in {@code language}. */
    public Post withLanguage(String language) {
        return new Post(id, url, title, author, published, updated, tags, feedTitle, feedUrl, language, text, summary);
    }

    /** How many characters of an untitled post's text make its title, at most. */
    static final int TITLE_WORDS_CHARS = 72;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * The title to show: the title, or for an untitled post (Mastodon and micro.blog items often have none) its
     * first words, else its date. The one rule for the page, the widget and the CLI, which all show this.
     */
    public String displayTitle() {
        if (!title.isBlank()) {
            return title;
        }
        String words = (summary.isBlank() ? text : summary).strip();
        if (!words.isEmpty()) {
            return firstWords(words);
        }
        return published.map(p -> "Post of " + DAY.format(p)).orElse("Untitled post");
    }

    private static String firstWords(String words) {
        if (words.length() <= TITLE_WORDS_CHARS) {
            return words;
        }
        int max = TITLE_WORDS_CHARS;
        int cut = words.lastIndexOf(' ', max);
        if (cut < max / 2) {
            cut = Character.isHighSurrogate(words.charAt(max - 1)) ? max - 1 : max; // not inside a surrogate pair
        }
        return words.substring(0, cut).stripTrailing() + "…";
    }
}
