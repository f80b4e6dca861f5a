package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facet counts on every search, facet selections (drill sideways), date ranges and paging. */
class FacetsTest {
    @TempDir
    static Path dir;
    static Corpus corpus;

    @BeforeAll
    static void open() {
        corpus = Corpus.open(dir);
    }

    @AfterAll
    static void close() {
        corpus.close();
    }

    private static SearchRequest all() {
        return SearchRequest.of("");
    }

    private static FacetValue value(String v, long count) {
        return new FacetValue(v, count, false);
    }

    private static FacetValue selected(String v, long count) {
        return new FacetValue(v, count, true);
    }

    private static Map<String, List<FacetValue>> facets(SearchRequest r) {
        return corpus.search(r).facets();
    }

    @Test
    void everySearchCountsTagsAuthorsFeedsAndYears() {
        Map<String, List<FacetValue>> f = facets(all());
        assertThat(f).containsOnlyKeys("tag", "author", "feed", "year", "language");
        assertThat(f.get("feed")).containsExactly(value("Lucene Notes", 9), value("Open Source Weekly", 8),
                value("Classics", 7), value("Cooking Corner", 4), value("Odd Corner", 2));
        assertThat(f.get("author")).containsExactly(value("Alan Turing", 5), value("Grace Hopper", 5),
                value("Ada Lovelace", 4), value("Julia Child", 4), value("Linus Torvalds", 4),
                value("Margaret Hamilton", 4), value("William Shakespeare", 2), value("Yan Yu", 1),
                value("Zed Zulu", 1));
        // Newest year first; the undated post has no year.
        assertThat(f.get("year")).containsExactly(value("2020", 2), value("2019", 5), value("2018", 5),
                value("2017", 2), value("2016", 4), value("2015", 4), value("2014", 2), value("2013", 3),
                value("2012", 1), value("2011", 1));
        // The top 20 tags, most used first, ties in alphabetical order.
        assertThat(f.get("tag")).hasSize(Dimension.TAG.shown()).startsWith(value("cooking", 4),
                value("java", 3), value("ops", 3), value("search", 3), value("bread", 2));
    }

    @Test
    void facetsCountOnlyTheMatchingPosts() {
        Map<String, List<FacetValue>> f = facets(SearchRequest.of("garlic"));
        assertThat(f.get("tag")).containsExactly(value("cooking", 2), value("bread", 1), value("soup", 1));
        assertThat(f.get("author")).containsExactly(value("Julia Child", 2));
        assertThat(f.get("feed")).containsExactly(value("Cooking Corner", 2));
        assertThat(f.get("year")).containsExactly(value("2018", 1), value("2014", 1));
    }

    @Test
    void caseVariantsOfATagAreOneValueInItsMostCommonSpelling() {
        // "Java" once, "java" twice; "Cooking" once, "cooking" three times.
        List<FacetValue> tags = facets(all()).get("tag");
        assertThat(tags).contains(value("java", 3), value("cooking", 4));
        assertThat(tags).extracting(FacetValue::value).doesNotContain("Java", "Cooking");
    }

    @Test
    void selectingATagKeepsItsSiblingsCounts() {
        SearchRequest bread = all().withFilter(Dimension.TAG, List.of("bread"));
        SearchResult r = corpus.search(bread);
        assertThat(r.total()).isEqualTo(2);
        List<FacetValue> unselected = facets(all()).get("tag");
        assertThat(r.facets().get("tag")).hasSameSizeAs(unselected);
        for (int i = 0; i < unselected.size(); i++) {
            FacetValue u = unselected.get(i);
            assertThat(r.facets().get("tag").get(i))
                    .isEqualTo(new FacetValue(u.value(), u.count(), u.value().equals("bread")));
        }
    }

    @Test
    void selectingATagNarrowsTheOtherFacets() {
        // bread: bread1 (2014) and sourdough (2017), both by Julia Child in Cooking Corner.
        Map<String, List<FacetValue>> f = facets(all().withFilter(Dimension.TAG, List.of("bread")));
        assertThat(f.get("author")).containsExactly(value("Julia Child", 2));
        assertThat(f.get("feed")).containsExactly(value("Cooking Corner", 2));
        assertThat(f.get("year")).containsExactly(value("2017", 1), value("2014", 1));
    }

    @Test
    void twoSelectedTagsMeanAnyOfThem() {
        SearchResult r = corpus.search(all().withFilter(Dimension.TAG, List.of("bread", "soup")));
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "sourdough", "soup");
        assertThat(r.facets().get("tag")).contains(selected("bread", 2), selected("soup", 1));
    }

    @Test
    void aTagAndAYearCombineWithAnd() {
        SearchResult r = corpus.search(all().withFilter(Dimension.TAG, List.of("cooking"))
                .withFilter(Dimension.YEAR, List.of("2017")));
        assertThat(corpus.keys(r.hits())).containsExactly("sourdough");
        // Years are counted as if no year were selected, tags as if no tag were: each keeps its siblings.
        assertThat(r.facets().get("year")).containsExactly(value("2019", 1), value("2018", 1), selected("2017", 1),
                value("2014", 1));
        // Among 2017 posts the tag is only spelled "Cooking" (sourdough), so that is the label shown.
        assertThat(r.facets().get("tag")).containsExactly(selected("Cooking", 1), value("bread", 1),
                value("review", 1));
        assertThat(r.facets().get("author")).containsExactly(value("Julia Child", 1));
    }

    @Test
    void selectionsMatchTagsInAnyCase() {
        SearchResult r = corpus.search(all().withFilter(Dimension.TAG, List.of("JAVA")));
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("indexing", "relevance", "coffee");
        assertThat(r.facets().get("tag")).contains(selected("java", 3));
    }

    @Test
    void selectionsCombineWithTheQuery() {
        assertThat(corpus.keys(corpus.search(SearchRequest.of("garlic").withFilter(Dimension.TAG, List.of("bread")))
                .hits()))
                .containsExactly("bread1");
        assertThat(corpus.search(SearchRequest.of("garlic").withFilter(Dimension.AUTHOR, List.of("julia child")))
                .total()).isEqualTo(2);
        assertThat(corpus.search(SearchRequest.of("garlic").withFilter(Dimension.FEED, List.of("Classics"))).total())
                .isZero();
    }

    @Test
    void aSelectedValueOutsideTheTopValuesIsStillShownAndFlagged() {
        // "zeta" is used once and comes last alphabetically: not among the top 20 tags unless selected.
        assertThat(facets(all()).get("tag")).extracting(FacetValue::value).doesNotContain("zeta");
        List<FacetValue> tags = facets(all().withFilter(Dimension.TAG, List.of("zeta"))).get("tag");
        assertThat(tags).hasSize(Dimension.TAG.shown() + 1).last().isEqualTo(selected("zeta", 1));
    }

    @Test
    void aSelectedValueFarOutsideTheTopValuesGetsItsRealCount(@TempDir Path own) {
        // 70 tags used once each, and "tag68" once more as "Tag68": the 20 shown are taken from the first
        // 60 values counted, in which "Tag68" (upper case sorts first) is and "tag68" and "tag69" are not.
        try (PostIndex index = PostIndex.open(own)) {
            for (int i = 0; i < 70; i++) {
                index.put(post("p" + i, String.format("tag%02d", i)), i);
            }
            index.put(post("p70", "Tag68"), 70);
            index.commit();
            index.refresh();
            SearchService service = new SearchService(index);
            assertThat(service.search(all().withFilter(Dimension.TAG, List.of("tag69"))).facets().get("tag"))
                    .hasSize(21).last().isEqualTo(selected("tag69", 1));
            SearchResult r = service.search(all().withFilter(Dimension.TAG, List.of("tag68")));
            assertThat(r.total()).isEqualTo(2);
            // One value for both spellings (which label wins a 1-1 tie is not specified).
            assertThat(r.facets().get("tag")).filteredOn(v -> v.value().equalsIgnoreCase("tag68"))
                    .singleElement().satisfies(v -> {
                        assertThat(v.count()).isEqualTo(2);
                        assertThat(v.selected()).isTrue();
                    });
        }
    }

    private static Post post(String guid, String tag) {
        return new Post(PostId.of("facets", guid, "", "", ""), "", guid, "", Optional.empty(), Optional.empty(),
                List.of(tag), "", "", "", "text", "");
    }

    @Test
    void selectingAnAuthorKeepsTheOtherAuthors() {
        Map<String, List<FacetValue>> f = facets(all().withFilter(Dimension.AUTHOR, List.of("Yan Yu")));
        assertThat(f.get("author")).hasSize(9).contains(selected("Yan Yu", 1), value("Zed Zulu", 1));
        assertThat(f.get("tag")).containsExactly(value("yak", 1));
    }

    @Test
    void aSelectedValueNoPostHasIsShownWithCountZero() {
        SearchResult r = corpus.search(all().withFilter(Dimension.TAG, List.of("nonesuch")));
        assertThat(r.total()).isZero();
        assertThat(r.facets().get("tag")).contains(selected("nonesuch", 0));
    }

    @Test
    void sinceAndUntilLimitTheDates() {
        // 2016: relevance (exactly 2016-01-01), facets, batch, email.
        SearchRequest r2016 = all().withDates(Optional.of(Instant.parse("2016-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2017-01-01T00:00:00Z")));
        SearchResult r = corpus.search(r2016);
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("relevance", "facets", "batch", "email");
        assertThat(r.facets().get("year")).containsExactly(value("2016", 4));
        // until is exclusive, since inclusive.
        SearchRequest before2016 = all().withDates(Optional.empty(), Optional.of(Instant.parse("2016-01-01T00:00:00Z")));
        assertThat(corpus.keys(corpus.search(before2016.withPage(1, 100)).hits())).hasSize(11)
                .doesNotContain("relevance", "undated");
        SearchRequest since2020 = all().withDates(Optional.of(Instant.parse("2020-01-01T00:00:00Z")), Optional.empty());
        assertThat(corpus.keys(corpus.search(since2020).hits())).containsExactlyInAnyOrder("os", "zoo2");
    }

    @Test
    void pageTwoContinuesPageOneWithoutOverlap() {
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 5; page++) {
            SearchResult r = corpus.search(all().withPage(page, 7));
            assertThat(r.total()).isEqualTo(Corpus.SIZE);
            assertThat(r.page()).isEqualTo(page);
            assertThat(r.hits()).hasSize(page < 5 ? 7 : 2);
            for (SearchResult.Hit h : r.hits()) {
                assertThat(seen.add(h.id())).as("post %s on two pages", corpus.key(h.id())).isTrue();
            }
        }
        assertThat(seen).hasSize(Corpus.SIZE);
        SearchResult beyond = corpus.search(all().withPage(6, 7));
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.total()).isEqualTo(Corpus.SIZE);
    }

    @Test
    void pagesOfARankedQueryFollowTheFirstPagesOrder() {
        List<String> whole = corpus.keys(corpus.search(SearchRequest.of("open source OR kernel")).hits());
        List<String> first = corpus.keys(corpus.search(SearchRequest.of("open source OR kernel").withPage(1, 3)).hits());
        List<String> second = corpus.keys(corpus.search(SearchRequest.of("open source OR kernel").withPage(2, 3)).hits());
        assertThat(whole).hasSizeGreaterThan(3);
        assertThat(first).isEqualTo(whole.subList(0, 3));
        assertThat(second).isEqualTo(whole.subList(3, Math.min(6, whole.size())));
    }
}
