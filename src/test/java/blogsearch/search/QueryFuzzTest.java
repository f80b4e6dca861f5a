package blogsearch.search;

import static blogsearch.search.HighlightingTest.assertOnlyMarkTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and hostile input for the query language and the search service. The seed is fixed so a failure
 * can be replayed; it is printed in every failure message and can be changed with {@code -Dfuzz.seed=...}.
 *
 * <p>Each search's time is measured as CPU time of the searching thread, so a busy machine does not make the
 * bound fail; a query that hangs without using CPU is caught by the test's timeout.
 */
class QueryFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20_261_124L);
    static final int PARSE_ITERATIONS = 4_000;
    static final int SEARCH_ITERATIONS = 1_000;
    /** Generous: a normal query takes milliseconds; only a pathological one comes near this. */
    static final long MAX_QUERY_MILLIS = 2_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final List<String> PIECES = List.of(
            "OR", "AND", "NOT", "or", "OR OR OR", "||", "&&", "|", "-", "--", "---", "+", "!", "\"", "\"\"", "*", "**",
            "?", ":", "::", "(", ")", "()", "tag:", "tag:\"", "tag:\"open source\"", "author:", "author:\"", "feed:",
            "title:", "title:\"", "after:", "before:", "after:9999-99-99", "before:0000", "after:2016-13",
            "before:2016-02-30", "after:yesterday", "AFTER:2016", "Tag:Java", "-tag:java", "-\"garlic bread\"",
            "foo:bar", "http://x.example/a?b=c", ".*", "[a-z]+", "(?i)", "\\", "\\\\", "$", "^", "{1,2}", "%s", "%n",
            "garlic", "bread", "lucene", "open", "source", "kubernetes", "haskell", "to", "be", "the", "a", "e-mail",
            "garl*", "g*", "*garlic", "gar?ic", "lucnee", "\u00e9t\u00e9", "na\u00efve", "\u65e5\u672c\u8a9e",
            "\ud83d\ude00", "\ud83d", "\ude00", "\u0000", "\u0007", "\u001b[31m", "\u200b", "\u202e", "\ufeff",
            "\uffff", "<script>alert(1)</script>", "&amp;", "<mark>", "'", "`", ";", "\t", "\n", "\r\n", "\u00a0",
            "\u3000");

    @TempDir
    static Path dir;
    static Corpus corpus;
    static WordyIndex wordy;

    @BeforeAll
    static void open() {
        corpus = Corpus.open(dir.resolve("corpus"));
        wordy = WordyIndex.open(dir.resolve("wordy"), PREFIXES, SEED);
    }

    @AfterAll
    static void close() {
        corpus.close();
        wordy.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomInputNeverBreaksTheParser() {
        Random random = new Random(SEED);
        for (int i = 0; i < PARSE_ITERATIONS; i++) {
            String input = randomInput(random, 2_000);
            try {
                UserQuery.Parsed parsed = UserQuery.parse(input);
                // Words standing alone are never too many; everything else is bounded.
                assertThat(parsed.groups().stream().mapToInt(g -> g.size() - 1
                        + (g.get(0).kind() != UserQuery.Kind.WORD || g.get(0).negated() ? 1 : 0)).sum())
                        .isLessThanOrEqualTo(UserQuery.MAX_CLAUSES);
                for (List<UserQuery.Clause> group : parsed.groups()) {
                    assertThat(group).isNotEmpty();
                    if (group.size() > 1) {
                        assertThat(group).noneMatch(UserQuery.Clause::negated);
                    }
                    for (UserQuery.Clause c : group) {
                        assertThat(c.text()).isNotBlank();
                    }
                }
                Queries.build(parsed, Queries.Ranking.RELEVANCE);
                Queries.build(parsed, Queries.Ranking.NEWEST);
            } catch (Throwable t) {
                fail(failure(i, input, t), t);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void randomInputGivesResultsOrBadRequestInBoundedTime() {
        Random random = new Random(SEED + 1);
        SearchService service = corpus.service();
        String someId = corpus.id("hostile");
        for (int i = 0; i < SEARCH_ITERATIONS; i++) {
            // Now and then a long one: queries are searched at any length, for the words that carry them.
            String input = randomInput(random, i % 50 == 0 ? 20_000 : 1_100);
            long start = cpuNanos();
            try {
                SearchRequest request = SearchRequest.of(input)
                        .withSort(random.nextBoolean() ? SearchRequest.Sort.RELEVANCE : SearchRequest.Sort.NEWEST)
                        .withPage(1 + random.nextInt(3), 1 + random.nextInt(20));
                SearchResult result = service.search(request);
                assertThat(result.total()).isGreaterThanOrEqualTo(result.hits().size());
                for (SearchResult.Hit hit : result.hits()) {
                    assertOnlyMarkTags(hit.titleHtml());
                    assertOnlyMarkTags(hit.snippet());
                }
                if (i % 10 == 0) {
                    service.highlighted(someId, input).ifPresent(h -> {
                        assertOnlyMarkTags(h.titleHtml());
                        assertOnlyMarkTags(h.bodyHtml());
                    });
                    service.suggest(input.length() > 200 ? input.substring(0, 200) : input, 10);
                }
            } catch (Throwable t) {
                fail(failure(i, input, t), t);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(cpuNanos() - start);
            if (millis > MAX_QUERY_MILLIS) {
                fail(failure(i, input, null) + " took " + millis + " ms of CPU");
            }
        }
    }

    @Test
    void hostileQueriesAreSearchedAsText() {
        List<String> hostile = List.of("", " ", "-", "- -", "--", "-\"", "\"", "\"\"", "\"\"\"", "tag:\"", "tag:",
                "title:\"\"", "after:9999-99-99", "before:", "OR OR OR", "OR", "NOT", "AND OR NOT", "*", "**", "?",
                ":", "::::", "()", "(((", ")))", "a*", "\\", "\ud800", "\udfff\ud800", "\u0000\u0000",
                "x".repeat(1_000), "garlic ".repeat(142), "garlic bread lucene ".repeat(2_000),
                "\"garlic\" ".repeat(1_000), "a OR ".repeat(3_000), "-x ".repeat(3_000), "x".repeat(100_000), "\"".repeat(1_000), "-".repeat(1_000), ":".repeat(1_000),
                "tag:".repeat(250), "a".repeat(999) + "*", "[".repeat(500), ".*".repeat(500));
        for (String input : hostile) {
            long start = cpuNanos();
            try {
                SearchResult r = corpus.service().search(SearchRequest.of(input));
                assertThat(r.total()).isGreaterThanOrEqualTo(0);
            } catch (Throwable t) {
                fail(failure(-1, input, t), t);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos() - start))
                    .as("CPU time for %s", printable(input)).isLessThan(MAX_QUERY_MILLIS);
        }
    }

    @Test
    void aThousandLetterWordIsCheapToSearch() {
        // Respelling such a "word" once took 200-700 ms of CPU (an edit-distance automaton over all of it);
        // searching it now takes a few. The best of three runs, so JIT warm-up does not count.
        Random random = new Random(SEED);
        String word = randomLetters(random, 1_000);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = cpuNanos();
            SearchResult r = corpus.service().search(SearchRequest.of(word));
            best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(cpuNanos() - start));
            assertThat(r.total()).isZero();
            assertThat(r.didYouMean()).isEmpty();
        }
        assertThat(best).as("ms of CPU to search a 1,000-letter word").isLessThan(100);
    }

    /** Two-letter prefixes common in English, each the start of many generated words in {@link #wordy}. */
    static final List<String> PREFIXES = List.of("co", "re", "pr", "in", "de", "st", "ma", "ca", "pa", "ex", "di",
            "su", "th", "tr", "fo", "pe", "ba", "bo", "ch", "cl", "fi", "ga", "ha", "la", "li", "mi", "mo", "ne",
            "pl", "sa", "se", "sh", "sp", "te", "un", "wa");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void manyPrefixesOrGroupsAndPhrasesTogetherGiveResultsNeverAnError() {
        SearchService service = wordy.service();
        String sixteen = String.join(" ", PREFIXES.subList(0, 16).stream().map(p -> p + "*").toList());
        SearchResult r = service.search(SearchRequest.of(sixteen));
        assertThat(r.total()).isPositive();
        assertThat(r.warnings()).as("says the prefixes were limited").anyMatch(w -> w.contains("prefix"));
        // Either of 28 words of 16 parts each, and one more word: a short query, whose every clause is searched
        // twice (once for the posts with all words), 954 clauses and 200 more for the facet filters.
        Random letters = new Random(SEED);
        List<String> alphabet = new ArrayList<>(List.of("bcdefghijklmnopqrstuvwxyz".split("")));
        String split = IntStream.range(0, 28).mapToObj(i -> {
            Collections.shuffle(alphabet, letters);
            return String.join("-", alphabet.subList(0, 16)); // distinct letters: Lucene merges repeated ones
        }).collect(Collectors.joining(" OR ")) + " zz";
        assertThat(service.search(filtered(SearchRequest.of(split), letters)).warnings())
                .as("says words were dropped").anyMatch(w -> w.contains("too complex"));

        Random random = new Random(SEED + 2);
        List<String> inputs = new ArrayList<>(List.of(
                String.join(" ", PREFIXES.stream().map(p -> p + "*").toList()),
                String.join(" OR ", PREFIXES.stream().map(p -> p + "*").toList()),
                String.join(" ", PREFIXES.subList(0, 4).stream().map(p -> p + "*").toList()),
                String.join(" ", PREFIXES.stream().map(p -> "-" + p + "*").toList()),
                "b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u ".repeat(40)));
        for (int i = 0; i < 60; i++) {
            inputs.add(wordyQuery(random));
        }
        for (String input : inputs) {
            String q = input; // any length: a long question is searched for its telling words
            long start = cpuNanos();
            try {
                boolean newest = random.nextBoolean();
                service.search(filtered(SearchRequest.of(q), random)
                        .withSort(newest ? SearchRequest.Sort.NEWEST : SearchRequest.Sort.RELEVANCE));
                service.search(SearchRequest.of(q)
                        .withSort(newest ? SearchRequest.Sort.RELEVANCE : SearchRequest.Sort.NEWEST));
                service.highlighted(wordy.firstId(), q);
                service.suggest(q.length() > 200 ? q.substring(0, 200) : q, 10);
            } catch (Throwable t) {
                fail(failure(-1, q, t), t);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos() - start))
                    .as("CPU time for %s", printable(q)).isLessThan(4 * MAX_QUERY_MILLIS);
        }
    }

    /** The request with as many facet filter values as a request may have. */
    private static SearchRequest filtered(SearchRequest request, Random random) {
        return request.withFilter(Dimension.TAG, words(random, SearchRequest.MAX_FILTER_VALUES))
                .withFilter(Dimension.AUTHOR, words(random, SearchRequest.MAX_FILTER_VALUES))
                .withFilter(Dimension.FEED, words(random, SearchRequest.MAX_FILTER_VALUES))
                .withFilter(Dimension.YEAR, IntStream.range(1975, 1975 + SearchRequest.MAX_FILTER_VALUES)
                        .mapToObj(String::valueOf).toList());
    }

    /** A long mix of prefixes, OR groups, phrases, exclusions and words of the wordy index. */
    private static String wordyQuery(Random random) {
        StringBuilder b = new StringBuilder();
        int parts = 8 + random.nextInt(60);
        for (int i = 0; i < parts; i++) {
            String p = PREFIXES.get(random.nextInt(PREFIXES.size()));
            switch (random.nextInt(6)) {
                case 0 -> b.append(p).append('*');
                case 1 -> b.append(p).append(random.nextInt(3) == 0 ? "" : WordyIndex.letters(random, 1))
                        .append("* OR ").append(PREFIXES.get(random.nextInt(PREFIXES.size()))).append('*');
                case 2 -> b.append('"').append(String.join(" ", words(random, 2 + random.nextInt(12)))).append('"');
                case 3 -> b.append(random.nextBoolean() ? "-" : "").append(p).append("*");
                case 4 -> b.append(String.join(" OR ", words(random, 1 + random.nextInt(8))));
                default -> b.append(String.join(random.nextBoolean() ? " " : "-",
                        words(random, 1 + random.nextInt(4))));
            }
            b.append(' ');
        }
        return b.toString();
    }

    private static List<String> words(Random random, int n) {
        return IntStream.range(0, n).mapToObj(i -> wordy.word(random)).toList();
    }

    // ---------------------------------------------------------------- input

    /** A random query: pieces of the query language, corpus words and hostile characters, up to {@code max} chars. */
    static String randomInput(Random random, int max) {
        int shape = random.nextInt(10);
        StringBuilder b = new StringBuilder();
        switch (shape) {
            case 0 -> { // random code points, surrogates and control characters included
                int n = random.nextInt(60);
                for (int i = 0; i < n; i++) {
                    b.append((char) random.nextInt(0x10000));
                }
            }
            case 1 -> { // one very long word, sometimes with syntax around it
                int n = 100 + random.nextInt(max);
                String word = String.valueOf((char) ('a' + random.nextInt(26))).repeat(n / 2)
                        + randomLetters(random, n - n / 2);
                b.append(random.nextBoolean() ? "" : PIECES.get(random.nextInt(PIECES.size()))).append(word)
                        .append(random.nextBoolean() ? "*" : "");
            }
            case 2 -> { // fill to the limit, or just past it
                while (b.length() < max) {
                    b.append(PIECES.get(random.nextInt(PIECES.size()))).append(' ');
                }
            }
            default -> {
                int n = 1 + random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    String piece = PIECES.get(random.nextInt(PIECES.size()));
                    if (random.nextInt(4) == 0) {
                        piece = piece + PIECES.get(random.nextInt(PIECES.size())); // glued: tag:OR, -"(, ...
                    }
                    b.append(piece).append(random.nextInt(5) == 0 ? "" : " ");
                }
            }
        }
        return b.length() > max ? b.substring(0, max) : b.toString();
    }

    private static String randomLetters(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- checks

    /** CPU time of this thread (searches run on the calling thread), or wall time where that is not measured. */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String failure(int iteration, String input, Throwable t) {
        return "seed " + SEED + " (-Dfuzz.seed=" + SEED + "), iteration " + iteration + ", input "
                + printable(input) + (t == null ? "" : ": " + t);
    }

    /** The input as a Java string literal, non-ASCII and control characters escaped, cut to 300 chars. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), 300); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > 300 ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }
}
