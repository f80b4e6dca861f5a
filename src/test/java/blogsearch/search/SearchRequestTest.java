package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dates;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A request is checked when it is made; each rejection names the parameter at fault. */
class SearchRequestTest {
    private static final SearchRequest OK = SearchRequest.of("garlic");

    private static AbstractThrowableAssert<?, ?> rejects(Executable make, String parameter) {
        return assertThatThrownBy(make::execute)
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void sizeMustBeBetweenOneAndOneHundred() {
        rejects(() -> OK.withPage(1, 0), "size").hasMessageContaining("0");
        rejects(() -> OK.withPage(1, 101), "size").hasMessageContaining("101");
        rejects(() -> OK.withPage(1, -1), "size");
        assertThat(OK.withPage(1, 1).size()).isEqualTo(1);
        assertThat(OK.withPage(1, 100).size()).isEqualTo(100);
    }

    @Test
    void pageMustBeOneOrMore() {
        rejects(() -> OK.withPage(0, 10), "page").hasMessageContaining("0");
        rejects(() -> OK.withPage(-3, 10), "page");
    }

    @Test
    void pagesEndAtTenThousandResults() {
        assertThat(OK.withPage(100, 100).page()).isEqualTo(100);
        rejects(() -> OK.withPage(101, 100), "page").hasMessageContaining("10000");
        rejects(() -> OK.withPage(Integer.MAX_VALUE, 100), "page");
    }

    @Test
    void anEmptyDateRangeIsRejected() {
        Instant t = Instant.parse("2016-01-01T00:00:00Z");
        rejects(() -> OK.withDates(Optional.of(t), Optional.of(t)), "until");
        rejects(() -> OK.withDates(Optional.of(t.plusSeconds(1)), Optional.of(t)), "until");
        assertThat(OK.withDates(Optional.of(t), Optional.of(t.plusMillis(1))).since()).contains(t);
    }

    @Test
    void aQueryOfAnyLengthIsARequest() {
        assertThat(SearchRequest.of("why ".repeat(5_000)).query()).hasSize(20_000);
    }

    @Test
    void yearsMustHaveFourDigits() {
        rejects(() -> OK.withFilter(Dimension.YEAR, List.of("16")), "year").hasMessageContaining("'16'");
        rejects(() -> OK.withFilter(Dimension.YEAR, List.of("2016", "twenty")), "year").hasMessageContaining("twenty");
        rejects(() -> OK.withFilter(Dimension.YEAR, List.of("\u0662\u0660\u0661\u0666")), "year");
        assertThat(OK.withFilter(Dimension.YEAR, List.of(" 2016 ")).filter(Dimension.YEAR)).containsExactly("2016");
    }

    @Test
    void tooManyFilterValuesAreRejected() {
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "t" + i).toList();
        rejects(() -> OK.withFilter(Dimension.TAG, many), "tag");
        rejects(() -> OK.withFilter(Dimension.AUTHOR, many), "author");
        rejects(() -> OK.withFilter(Dimension.FEED, many), "feed");
    }

    @Test
    void blankAndRepeatedFilterValuesAreDropped() {
        assertThat(OK.withFilter(Dimension.TAG, List.of("java", " ", "java ", "")).filter(Dimension.TAG))
                .containsExactly("java");
        assertThat(OK.withFilter(Dimension.TAG, Collections.nCopies(80, "java")).filter(Dimension.TAG))
                .containsExactly("java");
    }

    @Test
    void sortIsRelevanceOrNewest() {
        assertThat(SearchRequest.Sort.parse("newest")).isEqualTo(SearchRequest.Sort.NEWEST);
        assertThat(SearchRequest.Sort.parse(" Date ")).isEqualTo(SearchRequest.Sort.NEWEST);
        assertThat(SearchRequest.Sort.parse("")).isEqualTo(SearchRequest.Sort.RELEVANCE);
        rejects(() -> SearchRequest.Sort.parse("oldest"), "sort").hasMessageContaining("oldest");
    }

    @Test
    void datesInFiltersAreYearsMonthsOrDays() {
        assertThat(Dates.start("2016")).contains(Instant.parse("2016-01-01T00:00:00Z"));
        assertThat(Dates.end("2016")).contains(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(Dates.end("2016-02")).contains(Instant.parse("2016-03-01T00:00:00Z"));
        assertThat(Dates.end("2016-02-29")).contains(Instant.parse("2016-03-01T00:00:00Z"));
        assertThat(Dates.start("2015-02-29")).isEmpty();
        assertThat(Dates.start("9999-99-99")).isEmpty();
        assertThat(Dates.start("yesterday")).isEmpty();
        rejects(() -> Dates.startOrThrow("since", "2016-13"), "since").hasMessageContaining("2016-13");
    }
}
