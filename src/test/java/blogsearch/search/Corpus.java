package blogsearch.search;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fixed corpus every search test reads: 30 short posts whose words, tags, authors, feeds and dates are
 * chosen so that each count asserted in a test can be checked by reading this file. Posts are named by a
 * short key ("bread1"); {@link #id(String)} gives the post id.
 *
 * <p>Feeds: Lucene Notes (9), Cooking Corner (4), Open Source Weekly (8), Classics (7), Odd Corner (2).
 * One post ("undated") has no date.
 */
final class Corpus implements AutoCloseable {
    /** How many posts the corpus has. */
    static final int SIZE = 30;
    static final String LUCENE_NOTES = "Lucene Notes";
    static final String COOKING = "Cooking Corner";
    static final String OPEN_SOURCE = "Open Source Weekly";
    static final String CLASSICS = "Classics";
    static final String ODD = "Odd Corner";

    /** A body of 60 sentences (about 3,000 characters) with "needle" in sentence 30 only. */
    static final String LONG_BODY = IntStream.range(0, 60)
            .mapToObj(i -> i == 30 ? "The needle hides in sentence " + i + " of this essay."
                    : "Sentence " + i + " of this essay is filler about nothing much.")
            .collect(Collectors.joining(" "));
    /** About 4,100 characters without a single space or sentence end, "needle" in the middle. */
    static final String UNBROKEN_BODY = "alpha,beta,gamma,delta,".repeat(90) + "needle,"
            + "alpha,beta,gamma,delta,".repeat(90);

    static final String HOSTILE_TITLE = "Escaping <script>alert(1)</script> & \"quotes\" in titles";
    static final String HOSTILE_BODY = "Never trust <img src=x onerror=alert(1)> markup & 'quotes' in \"posts\"; "
            + "escaping matters. Use mode:strict always.";

    private final Map<String, Post> posts = new LinkedHashMap<>();
    private PostIndex index;
    private SearchService service;

    private Corpus() {}

    /** The fixed corpus, indexed into a new index at {@code dir}. */
    static Corpus open(Path dir) {
        Corpus c = fixed();
        c.index = c.index(dir);
        c.service = new SearchService(c.index);
        return c;
    }

    SearchService service() {
        return service;
    }

    /** The first page (up to 100 hits) for {@code query}, ranked by relevance. */
    SearchResult search(String query) {
        return service.search(SearchRequest.of(query).withPage(1, SearchRequest.MAX_SIZE));
    }

    SearchResult search(SearchRequest request) {
        return service.search(request);
    }

    /** The keys of every post {@code query} finds, best first. */
    List<String> keys(String query) {
        return keys(search(query).hits());
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }

    private static Corpus fixed() {
        Corpus c = new Corpus();
        // Lucene Notes
        c.add("indexing", "Indexing with Lucene",
                "We indexed ten thousand posts with Lucene. Indexing is fast when the analyzer is simple.",
                List.of("Java", "lucene", "search"), "Ada Lovelace", LUCENE_NOTES, "2015-03-10");
        c.add("relevance", "Search relevance tuning",
                "Relevance depends on BM25 and on field weights. Lucene makes tuning easy.",
                List.of("java", "search"), "Ada Lovelace", LUCENE_NOTES, "2016-01-01");
        c.add("facets", "Faceted navigation",
                "Facets count posts per tag so readers can narrow a search.",
                List.of("search", "facets"), "Grace Hopper", LUCENE_NOTES, "2016-06-15");
        c.add("batch", "Batch jobs", "Every night the catalogue is indexed again.",
                List.of("batch"), "Grace Hopper", LUCENE_NOTES, "2016-11-11");
        c.add("tagsonly", "Lucene facets", "", List.of("lucene", "facets"), "Ada Lovelace", LUCENE_NOTES,
                "2019-12-01");
        c.add("hostile", HOSTILE_TITLE, HOSTILE_BODY, List.of("security"), "Grace Hopper", LUCENE_NOTES, "2019-09-09");
        c.add("essay", "A very long essay", LONG_BODY, List.of("essay"), "Grace Hopper", LUCENE_NOTES, "2018-01-01");
        c.add("unbroken", "Unbroken text", UNBROKEN_BODY, List.of("essay"), "Grace Hopper", LUCENE_NOTES,
                "2018-01-02");
        c.add("coffee", "Coffee for coders", "Coffee notes from a kernel hacker.", List.of("java"), "Ada Lovelace",
                LUCENE_NOTES, "2014-02-02");
        // Cooking Corner
        c.add("bread1", "Garlic bread", "Bake the bread with garlic and butter for ten minutes.",
                List.of("cooking", "bread"), "Julia Child", COOKING, "2014-05-01");
        c.add("sourdough", "Sourdough starter",
                "A sourdough starter needs flour, water and patience. Feed it daily.",
                List.of("Cooking", "bread"), "Julia Child", COOKING, "2017-02-20");
        c.add("soup", "Tomato soup", "A quick soup of tomato, garlic and basil.",
                List.of("cooking", "soup"), "Julia Child", COOKING, "2018-09-09");
        c.add("pasta", "Pasta night", "Boil the pasta, then add olive oil.",
                List.of("cooking", "pasta"), "Julia Child", COOKING, "2019-03-03");
        // Open Source Weekly
        c.add("licenses", "Open source licenses",
                "Open source software comes with a license. The GPL and the MIT license differ.",
                List.of("open source", "licensing"), "Linus Torvalds", OPEN_SOURCE, "2019-01-10");
        c.add("opendata", "Open data portals", "Governments publish open data in portals.",
                List.of("open data"), "Linus Torvalds", OPEN_SOURCE, "2019-05-05");
        c.add("review", "Source code review", "Keep the source open to every reviewer.",
                List.of("review"), "Margaret Hamilton", OPEN_SOURCE, "2017-08-08");
        c.add("os", "Operating systems", "An operating system schedules processes.",
                List.of("os", "kernel"), "Linus Torvalds", OPEN_SOURCE, "2020-02-02");
        c.add("undated", "Notes without a date", "This note about kernel modules has no date; its source is open.",
                List.of("kernel"), "Linus Torvalds", OPEN_SOURCE, null);
        c.add("kube1", "Kubernetes cluster", "A cluster of three machines runs our services.",
                List.of("ops"), "Margaret Hamilton", OPEN_SOURCE, "2018-03-03");
        c.add("kube2", "Orchestration cluster", "A cluster of three machines runs kubernetes services.",
                List.of("ops"), "Margaret Hamilton", OPEN_SOURCE, "2018-03-03");
        c.add("email", "Mail servers", "Every e-mail passes through a relay.", List.of("ops"),
                "Margaret Hamilton", OPEN_SOURCE, "2016-04-04");
        // Classics
        c.add("haskell1", "Functional programming one", "Haskell has lazy evaluation and type classes.",
                List.of("haskell"), "Alan Turing", CLASSICS, "2015-07-07");
        c.add("haskell2", "Functional programming two", "Haskell has lazy evaluation and type classes.",
                List.of("fp"), "Alan Turing", CLASSICS, "2015-07-07");
        c.add("monads", "Monads for beginners", "A monad is a monoid in the category of endofunctors.",
                List.of("haskell"), "Alan Turing", CLASSICS, "2015-08-08");
        c.add("zoo1", "ZooKeeper in practice",
                "ZooKeeper coordinates distributed services. We run ZooKeeper everywhere.",
                List.of("distributed"), "Alan Turing", CLASSICS, "2011-01-01");
        c.add("zoo2", "Distributed notes", "We also tried zookeeper once, briefly.",
                List.of("distributed"), "Alan Turing", CLASSICS, "2020-06-01");
        c.add("hamlet", "Hamlet", "To be, or not to be, that is the question.",
                List.of("theatre"), "William Shakespeare", CLASSICS, "2012-04-23");
        c.add("being", "Being and becoming", "It is not easy to say what it means to be.",
                List.of("philosophy"), "William Shakespeare", CLASSICS, "2013-01-01");
        // Odd Corner: authors and tags seen once
        c.add("odd1", "Odd one", "Nothing in common with anything.", List.of("zeta"), "Zed Zulu", ODD, "2013-06-06");
        c.add("odd2", "Odd two", "Still nothing in common.", List.of("yak"), "Yan Yu", ODD, "2013-07-07");
        if (c.posts.size() != SIZE) {
            throw new IllegalStateException("the corpus has " + c.posts.size() + " posts, not " + SIZE);
        }
        return c;
    }

    private void add(String key, String title, String text, List<String> tags, String author, String feed,
            String date) {
        Optional<Instant> published = Optional.ofNullable(date)
                .map(d -> LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant());
        String id = PostId.of("test-" + feed, key, "", "", "");
        String url = "https://blog.example/" + key + "/";
        String summary = text.length() <= 80 ? text : text.substring(0, 80);
        posts.put(key, new Post(id, url, title, author, published, Optional.empty(), tags, feed,
                "https://blog.example/" + feed.toLowerCase(Locale.ROOT).replace(' ', '-') + ".xml", "en", text, summary));
    }

    List<Post> posts() {
        return List.copyOf(posts.values());
    }

    String id(String key) {
        return post(key).id();
    }

    Post post(String key) {
        Post p = posts.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no post '" + key + "' in the corpus");
        }
        return p;
    }

    /** The key of the post with this id. */
    String key(String id) {
        return posts.entrySet().stream().filter(e -> e.getValue().id().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no post with id " + id));
    }

    /** The keys of these hits, in order. */
    List<String> keys(List<SearchResult.Hit> hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(key(h.id())));
        return Collections.unmodifiableList(out);
    }

    /** Writes the corpus into a new index at {@code dir}, committed and visible to searchers. */
    private PostIndex index(Path dir) {
        PostIndex index = PostIndex.open(dir);
        long hash = 1;
        for (Post p : posts.values()) {
            index.put(p, hash++);
        }
        index.commit();
        index.refresh();
        return index;
    }
}
