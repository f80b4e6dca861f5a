package blogsearch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Posts related to one post ("more like this"), with the words they share with it. */
public record Related(String id, String title, List<RelatedPost> posts) {
    /** The most related posts one request may ask for. */
    public static final int MAX_SIZE = 50;

    public record RelatedPost(String id, String url, String title, Optional<Instant> published, List<String> tags,
            float score, List<String> terms) {}
}
