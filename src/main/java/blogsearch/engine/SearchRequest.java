package blogsearch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks for: query text, facet selections (several values of one facet mean any of them;
 * different facets combine with AND), a date range, a sort and a page.
 *
 * @param query of any length: a long question is searched for the words that carry it
 * @param since first instant included, if any
 * @param until first instant excluded, if any
 * @param respell whether misspelled words may be corrected ("did you mean"); off to search the words as typed
 */
public record SearchRequest(
        String query,
        List<String> tags,
        List<String> authors,
        List<String> feeds,
        List<String> years,
        Optional<Instant> since,
        Optional<Instant> until,
        Sort sort,
        int page,
        int size,
        boolean respell) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 10;
    /** Deeper pages cost more than they are worth to anyone: page * size stays within this. */
    public static final int MAX_DEPTH = 10_000;
    public static final int MAX_FILTER_VALUES = 50;

    public enum Sort {
        RELEVANCE, NEWEST;

        /** Parses "relevance" or "newest", naming the bad value otherwise. */
        public static Sort parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "relevance", "score", "" -> RELEVANCE;
                case "newest", "date", "recent" -> NEWEST;
                default -> throw new BadRequest("sort", "unknown sort '" + s + "': use relevance or newest");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        tags = values("tag", tags);
        authors = values("author", authors);
        feeds = values("feed", feeds);
        years = values("year", years);
        for (String y : years) {
            if (!y.matches("\\d{4}")) {
                throw new BadRequest("year", "year '" + y + "' is not a four-digit year");
            }
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new BadRequest("until", "the date range is empty: 'since' must come before 'until'");
        }
        Objects.requireNonNull(sort, "sort");
        if (page < 1) {
            throw new BadRequest("page", "page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if ((long) page * size > MAX_DEPTH) {
            throw new BadRequest("page", "page " + page + " of size " + size + " is beyond the first " + MAX_DEPTH
                    + " results; narrow the search instead");
        }
    }

    /** A request that may respell its words. */
    public SearchRequest(String query, List<String> tags, List<String> authors, List<String> feeds, List<String> years,
            Optional<Instant> since, Optional<Instant> until, Sort sort, int page, int size) {
        this(query, tags, authors, feeds, years, since, until, sort, page, size, true);
    }

    /** A first page of relevance-ranked results for {@code query}, no filters. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Sort.RELEVANCE, 1, DEFAULT_SIZE);
    }

    public SearchRequest withTags(List<String> t) {
        return new SearchRequest(query, t, authors, feeds, years, since, until, sort, page, size, respell);
    }

    public SearchRequest withAuthors(List<String> a) {
        return new SearchRequest(query, tags, a, feeds, years, since, until, sort, page, size, respell);
    }

    public SearchRequest withFeeds(List<String> f) {
        return new SearchRequest(query, tags, authors, f, years, since, until, sort, page, size, respell);
    }

    public SearchRequest withYears(List<String> y) {
        return new SearchRequest(query, tags, authors, feeds, y, since, until, sort, page, size, respell);
    }

    public SearchRequest withDates(Optional<Instant> from, Optional<Instant> to) {
        return new SearchRequest(query, tags, authors, feeds, years, from, to, sort, page, size, respell);
    }

    public SearchRequest withSort(Sort s) {
        return new SearchRequest(query, tags, authors, feeds, years, since, until, s, page, size, respell);
    }

    public SearchRequest withPage(int p, int s) {
        return new SearchRequest(query, tags, authors, feeds, years, since, until, sort, p, s, respell);
    }

    public SearchRequest withQuery(String q) {
        return new SearchRequest(q, tags, authors, feeds, years, since, until, sort, page, size, respell);
    }

    public SearchRequest withRespell(boolean r) {
        return new SearchRequest(query, tags, authors, feeds, years, since, until, sort, page, size, r);
    }

    private static List<String> values(String parameter, List<String> values) {
        List<String> cleaned = values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        if (cleaned.size() > MAX_FILTER_VALUES) {
            throw new BadRequest(parameter, "at most " + MAX_FILTER_VALUES + " values of '" + parameter + "'");
        }
        return cleaned;
    }
}
