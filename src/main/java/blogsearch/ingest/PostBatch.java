package blogsearch.ingest;

import blogsearch.engine.Engine;
import blogsearch.engine.PostRecord;
import blogsearch.lang.FeedLanguage;
import blogsearch.post.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed's posts cleaned and waiting to be written, a few dozen at a time: cleaning HTML between every two
 * posts pushed the writer's term tables out of the processor's caches, and writing a post cost a fifth more
 * than in a run of posts. The rest is written before the feed's record, under the same commit lock.
 */
final class PostBatch {
    static final int SIZE = 64;
    /** Long posts go in fewer at a time: a server following feeds has a small heap. */
    static final int MAX_CHARS = 1_000_000;

    private final Engine engine;
    private final List<PostRecord> posts = new ArrayList<>(SIZE);
    private final FeedLanguage languages = new FeedLanguage();
    private long chars;

    PostBatch(Engine engine) {
        this.engine = engine;
    }

    /**
     * Adds {@code post} in the language its text is found to be in, which replaces the one it declares; posts are
     * added in their feed's order, whose language the batch learns.
     */
    void add(Post post, long hash) {
        posts.add(new PostRecord(post.withLanguage(languages.indexed(post.language(), post.title(), post.text())),
                hash));
        chars += post.text().length();
        if (posts.size() == SIZE || chars >= MAX_CHARS) {
            write();
        }
    }

    void write() {
        engine.put(List.copyOf(posts));
        posts.clear();
        chars = 0;
    }
}
