package blogsearch.search;

import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * An index of generated posts whose words start with a few dozen prefixes, each the start of hundreds of
 * words in titles, tags and bodies: a prefix query expands to as many terms as it is allowed to.
 */
final class WordyIndex implements AutoCloseable {
    static final int POSTS = 400;
    static final int WORDS_PER_PREFIX = 200;

    private final List<String> words = new ArrayList<>();
    private final PostIndex index;
    private final SearchService service;
    private final String firstId;

    private WordyIndex(Path dir, List<String> prefixes, long seed) {
        Random random = new Random(seed);
        for (String p : prefixes) {
            for (int i = 0; i < WORDS_PER_PREFIX; i++) {
                words.add(p + letters(random, 3 + random.nextInt(6)));
            }
        }
        index = PostIndex.open(dir);
        String first = null;
        for (int n = 0; n < POSTS; n++) {
            String id = PostId.of("wordy", "post-" + n, "", "", "");
            first = first == null ? id : first;
            List<String> tags = List.of(word(random), word(random), word(random));
            Post post = new Post(id, "https://wordy.example/" + n, sentence(random, 6), "Author " + n % 7,
                    Optional.of(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(86_400L * n)), Optional.empty(),
                    tags, "Wordy " + n % 5, "https://wordy.example/feed" + n % 5 + ".xml", "en",
                    sentence(random, 300), "");
            index.put(post, n + 1);
        }
        index.commit();
        index.refresh();
        service = new SearchService(index);
        firstId = first;
    }

    static WordyIndex open(Path dir, List<String> prefixes, long seed) {
        return new WordyIndex(dir, prefixes, seed);
    }

    SearchService service() {
        return service;
    }

    String firstId() {
        return firstId;
    }

    /** One of the index's words, at random. */
    String word(Random random) {
        return words.get(random.nextInt(words.size()));
    }

    private String sentence(Random random, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(word(random)).append(i % 12 == 11 ? ". " : " ");
        }
        return b.toString().strip();
    }

    static String letters(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    @Override
    public void close() {
        index.close();
    }
}
