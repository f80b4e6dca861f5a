package blogsearch.engine;

import blogsearch.post.Post;

/** A whole post with the query's matches marked: {@code titleHtml} and {@code bodyHtml} are escaped HTML. */
public record HighlightedPost(Post post, String titleHtml, String bodyHtml) {}
