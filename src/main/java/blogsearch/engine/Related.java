package blogsearch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Posts related to one post ("more like this"), with why: the tags and words they share with it, and for posts
 * related by meaning too the passage of theirs that was compared (their opening).
 *
 * @param basis "hybrid" when posts were found by the post's words and its vector, "words" when by its words alone
 *     (it has no vector yet, or is not in English)
 */
public record Related(String id, String title, String basis, List<RelatedPost> posts) {
    /** The most related posts one request may ask for. */
    public static final int MAX_SIZE = 50;

    /**
     * @param sharedTags the post's tags that the related post has too, as the related post writes them
     * @param terms words both posts use, those that say most first
     * @param passage plain text: the opening of the related post (what its vector is made of), when related by meaning;
     *     else empty
     */
    public record RelatedPost(String id, String url, String title, Optional<Instant> published, List<String> tags,
            float score, List<String> sharedTags, List<String> terms, String passage) {}
}
