package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Stats;
import blogsearch.index.PostIndex;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an index holds, and a service on an index with nothing in it yet. */
class StatsTest {
    @TempDir
    Path dir;

    @Test
    void statsCountPostsFeedsAndTagsAndGiveTheDateRange() {
        try (Corpus corpus = Corpus.open(dir)) {
            Stats s = corpus.service().stats();
            assertThat(s.posts()).isEqualTo(Corpus.SIZE);
            assertThat(s.feeds()).isEqualTo(5);
            assertThat(s.tags()).hasSize(10).startsWith(new FacetValue("cooking", 4, false),
                    new FacetValue("java", 3, false), new FacetValue("ops", 3, false), new FacetValue("search", 3, false));
            assertThat(s.oldest()).contains(Instant.parse("2011-01-01T00:00:00Z"));
            assertThat(s.newest()).contains(Instant.parse("2020-06-01T00:00:00Z"));
            assertThat(s.indexBytes()).isPositive();
        }
    }

    @Test
    void tagsListsEveryTagMostUsedFirst() {
        try (Corpus corpus = Corpus.open(dir)) {
            // 27 spellings, 25 tags once case is ignored.
            assertThat(corpus.service().tags(100)).hasSize(25).first().isEqualTo(new FacetValue("cooking", 4, false));
            assertThat(corpus.service().tags(2)).extracting(FacetValue::value).containsExactly("cooking", "java");
            assertThat(corpus.service().tags(0)).isEmpty();
        }
    }

    @Test
    void anEmptyIndexHasEmptyStatsAndSearchesFindNothing() {
        try (PostIndex index = PostIndex.open(dir)) {
            SearchService service = new SearchService(index);
            Stats s = service.stats();
            assertThat(s.posts()).isZero();
            assertThat(s.feeds()).isZero();
            assertThat(s.tags()).isEmpty();
            assertThat(s.oldest()).isEmpty();
            assertThat(s.newest()).isEmpty();
            SearchResult r = service.search(SearchRequest.of("garlic")
                    .withFilter(Dimension.TAG, java.util.List.of("bread")));
            assertThat(r.total()).isZero();
            assertThat(r.facets()).containsOnlyKeys("tag", "author", "feed", "year", "language");
            assertThat(service.suggest("ga", 5)).isEmpty();
            assertThat(service.tags(10)).isEmpty();
        }
    }

    @Test
    void newPostsAreSeenAfterARefresh() {
        try (Corpus corpus = Corpus.open(dir)) {
            long before = corpus.service().version();
            assertThat(corpus.search("soup").total()).isEqualTo(1);
            corpus.service().refresh();
            assertThat(corpus.service().version()).isEqualTo(before);
        }
    }
}
