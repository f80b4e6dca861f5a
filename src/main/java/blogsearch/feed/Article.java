package blogsearch.feed;

import blogsearch.post.PostId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ArticleExtractor} found on one web page: the post's metadata and the HTML of its text, or why the page
 * is not a post (a tag list, an archive, the home page...).
 *
 * @param url the canonical URL, else the page's own
 * @param notAPost empty for a post; otherwise the kind of page it is, in a few words
 */
public record Article(String url, String title, String author, Optional<Instant> published, Optional<Instant> updated,
        List<String> tags, String language, String siteName, String description, String html,
        Optional<String> notAPost) {

    /** A page that is not a post, for the reason given. */
    static Article skipped(String url, String reason) {
        return new Article(url, "", "", Optional.empty(), Optional.empty(), List.of(), "", "", "", "",
                Optional.of(reason));
    }

    public boolean isPost() {
        return notAPost.isEmpty();
    }

    /**
     * The post as a feed entry of the site named {@code feedTitle} at {@code feedUrl}. Its id depends on its URL
     * alone, so the same page read from the web and from the built folder is one post.
     */
    public FeedEntry toEntry(String feedTitle, String feedUrl) {
        String id = PostId.of(feedUrl, "", url, title, published.map(Instant::toString).orElse(""));
        return new FeedEntry(id, url, title, author, published, updated, tags,
                feedTitle.isEmpty() ? siteName : feedTitle, feedUrl, language, html, true,
                description.isEmpty() ? "" : org.jsoup.nodes.Entities.escape(description));
    }
}
