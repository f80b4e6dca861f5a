package blogsearch.feed;

import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
