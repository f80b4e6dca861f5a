package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated searches are answered from the cache, and a change to the index is never hidden by it. */
class ResultCacheTest {
    @TempDir
    Path dir;

    private static Post post(String slug, String text) {
        String url = "https://cache.example/" + slug;
        return new Post(PostId.of("", "", url, "", ""), url, "Post " + slug, "", Optional.of(Instant.EPOCH),
                Optional.empty(), List.of(), "Cache feed", "", "", text, text);
    }

    @Test
    void aRepeatedSearchIsServedFromTheCacheUntilTheIndexChanges() {
        try (PostIndex index = PostIndex.open(dir)) {
            index.put(post("a", "zeppelins over lisbon"), 1);
            index.commit();
            index.refresh();
            SearchService search = new SearchService(index);

            SearchResult first = search.search(SearchRequest.of("zeppelins"));
            SearchResult again = search.search(SearchRequest.of("zeppelins"));
            assertThat(again.hits()).isEqualTo(first.hits());
            assertThat(search.cacheCounts()).containsExactly(1, 1);
            // A different page or filter is a different answer.
            search.search(SearchRequest.of("zeppelins").withPage(2, 10));
            assertThat(search.cacheCounts()).containsExactly(1, 2);

            index.put(post("b", "more zeppelins"), 2);
            index.refresh();
            assertThat(search.search(SearchRequest.of("zeppelins")).total()).isEqualTo(2);
            assertThat(search.cacheCounts()[1]).isEqualTo(3);
        }
    }
}
