package blogsearch.feed;

import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One item of a feed as read, before its HTML is cleaned: cleaning is the costly step,
 * so the indexer first compares {@link #hash()} with what the index holds and skips unchanged posts.
 */
public record FeedEntry(
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
        String content,
        boolean contentIsHtml,
        String description) {

    static final int SUMMARY_CHARS = 280;
    /** How excerpts end: an ellipsis (WordPress's "[…]" too), or a "read more" link with perhaps a title after it. */
    private static final Pattern TRAILS_OFF = Pattern.compile(
            "(…|\\.\\.\\.|\\[\\s*(…|\\.\\.\\.)\\s*]|\\(more…?\\))\\s*$"
            + "|(?i)\\b(read more|continue reading|read the rest)\\b.{0,120}$");

    /** A fingerprint of everything that ends up in the post: equal hashes mean nothing changed. */
    public long hash() {
        MessageDigest md = PostId.sha256();
        for (String s : List.of(id, url, title, author, published.map(Instant::toString).orElse(""),
                updated.map(Instant::toString).orElse(""), String.join("\u001f", tags), feedTitle, feedUrl,
                language, content, contentIsHtml ? "html" : "text", description)) {
            md.update(s.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        byte[] d = md.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    /** This entry under another id: the one its post was first indexed under, from its page. */
    public FeedEntry withId(String other) {
        return new FeedEntry(other, url, title, author, published, updated, tags, feedTitle, feedUrl, language,
                content, contentIsHtml, description);
    }

    /**
     * Whether the feed may carry only part of the post: no content beside its description, or a text that trails
     * off. Such entries are compared with their page.
     */
    boolean maybeExcerpt() {
        if (url.isEmpty()) {
            return false;
        }
        if (content.isEmpty()) {
            return true;
        }
        String text = toPost().text();
        return TRAILS_OFF.matcher(text.substring(Math.max(0, text.length() - 160))).find();
    }

    /** The length of the entry's clean text. */
    int textLength() {
        return toPost().text().length();
    }

    /**
     * This entry with the whole text of its {@code page}: the entry's own text becomes the summary, and what the
     * entry lacks (author, dates, tags, language) comes from the page.
     */
    FeedEntry withPage(Article page) {
        String summary = !description.isEmpty() ? description
                : contentIsHtml ? content : org.jsoup.nodes.Entities.escape(content);
        return new FeedEntry(id, url, title.isBlank() ? page.title() : title,
                author.isBlank() ? page.author() : author, published.or(page::published), updated.or(page::updated),
                tags.isEmpty() ? page.tags() : tags, feedTitle, feedUrl, language.isBlank() ? page.language() : language,
                page.html(), true, summary);
    }

    /** The post with clean text: content preferred over the description, which then makes the summary. */
    public Post toPost() {
        String text = contentIsHtml ? HtmlText.fromHtml(content) : HtmlText.fromText(content);
        String descriptionText = description.isEmpty() ? "" : HtmlText.fromHtml(description);
        if (text.isEmpty()) {
            text = descriptionText;
        }
        String summary = HtmlText.summary(descriptionText.isEmpty() ? text : descriptionText, SUMMARY_CHARS);
        return new Post(id, url, title, author, published, updated, tags, feedTitle, feedUrl, language, text, summary);
    }
}
