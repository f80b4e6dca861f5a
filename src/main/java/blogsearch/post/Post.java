package blogsearch.post;

import java.time.Instant;
import java.util.List;
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
}
