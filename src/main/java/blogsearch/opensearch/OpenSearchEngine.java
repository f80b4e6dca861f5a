package blogsearch.opensearch;

import blogsearch.embed.Embedder;
import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.IndexError;
import blogsearch.engine.PostRecord;
import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.engine.Stats;
import blogsearch.engine.Suggestion;
import blogsearch.engine.VectorRecord;
import blogsearch.index.PostSchema;
import blogsearch.json.Json;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import blogsearch.search.Html;
import blogsearch.search.Typo;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The engine on an OpenSearch cluster: posts in an index behind an alias ({@code blogsearch} by default, over
 * {@code blogsearch-1}), feed bookkeeping in an index of its own ({@code blogsearch-feeds}), both made from the
 * schema's description on first write. Writes go in bounded bulk requests; searches are single requests whose
 * answers become our records.
 */
public final class OpenSearchEngine implements Engine {
    /** Where the cluster is, how to sign in, and what the index is called and how it is split. */
    public record Options(List<URI> nodes, String index, int shards, int replicas, Optional<String> authorization) {
        public static final String DEFAULT_INDEX = "blogsearch";

        /** The cluster at {@code urls} (comma-separated), signing in with what the environment gives. */
        public static Options of(String urls, String index, int shards, int replicas) {
            List<URI> nodes = new ArrayList<>();
            for (String u : urls.split(",")) {
                String s = u.strip();
                if (!s.matches("https?://[^\\s/]+(/.*)?")) {
                    throw new BadRequest("opensearch", "cannot read OpenSearch address '" + s
                            + "': use http(s)://host:port");
                }
                nodes.add(URI.create(s.endsWith("/") ? s : s + "/"));
            }
            if (!index.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
                throw new BadRequest("opensearch-index", "index name '" + index
                        + "' must be lower-case letters, digits, '-' or '_'");
            }
            if (shards < 1 || replicas < 0) {
                throw new BadRequest("shards", "shards must be 1 or more and replicas 0 or more, not " + shards
                        + " and " + replicas);
            }
            return new Options(nodes, index, shards, replicas, Rest.authorization(
                    System.getenv("BLOGSEARCH_OPENSEARCH_USER"), System.getenv("BLOGSEARCH_OPENSEARCH_PASSWORD"),
                    System.getenv("BLOGSEARCH_OPENSEARCH_API_KEY")));
        }
    }

    static final int SNIPPET_CHARS = 240;
    /** More languages than any index holds: stats lists them all. */
    private static final int LANGUAGES = 200;
    private static final int EXPORT_BATCH = 500;
    /** Shared words listed per related post, at most. */
    private static final int MAX_SHARED = 10;
    /** How long the languages the index holds are taken as known: about as long as a write takes to show. */
    private static final long LANGUAGES_TTL_NANOS = 1_000_000_000L;
    private static final String ALL_TITLES = everyLanguage(PostSchema.TITLE);
    private static final String EXACT_TITLES = ALL_TITLES + ".exact";
    /** Excluded from a result list's posts: their text, and the facets' copies of their values. */
    private static final List<String> NOT_LISTED = List.of(PostSchema.BODY, everyLanguage(PostSchema.BODY), "facets", "keys");

    /** The pattern that names {@code field} in every language but English ("body@*"). */
    private static String everyLanguage(String field) {
        return PostSchema.inLanguage(field, "xx").replace("xx", "*");
    }

    private final Rest rest;
    private final Options options;
    private final String alias;
    private final String feeds;
    private final boolean writable;
    private final Bulk bulk;
    private volatile KnownLanguages languages = KnownLanguages.UNKNOWN;
    private volatile boolean layoutChecked;

    /** The index's languages other than English, by code, and when they were asked for. */
    private record KnownLanguages(List<String> codes, long askedNanos) {
        static final KnownLanguages UNKNOWN = new KnownLanguages(List.of(), 0);
    }

    private OpenSearchEngine(Options options, boolean writable) {
        this.rest = new Rest(options.nodes(), options.authorization());
        this.options = options;
        this.alias = options.index();
        this.feeds = options.index() + "-feeds";
        this.writable = writable;
        this.bulk = new Bulk(rest);
    }

    /** The engine on the cluster, for writing too: the index and its alias are made if there are none. */
    public static OpenSearchEngine open(Options options) {
        OpenSearchEngine e = new OpenSearchEngine(options, true);
        e.create();
        return e;
    }

    /** The engine on the cluster, for searching only: the index must exist. */
    public static OpenSearchEngine openReadOnly(Options options) {
        OpenSearchEngine e = new OpenSearchEngine(options, false);
        if (!e.exists()) {
            throw new IndexError("no blogsearch index '" + options.index() + "' at " + e.rest.address()
                    + "; run 'blogsearch index --engine opensearch' first", null);
        }
        return e;
    }

    /** Whether the alias exists on the cluster. */
    boolean exists() {
        return rest.send("HEAD", alias, null).ok();
    }

    /** Whether there is a blogsearch index behind the alias {@code options} name. */
    public static boolean exists(Options options) {
        return new OpenSearchEngine(options, false).exists();
    }

    private void create() {
        if (exists()) {
            return;
        }
        createIndex(options.index() + "-1");
        rest.call("POST", "_aliases", Map.of("actions", List.of(Map.of("add", Map.of("index",
                options.index() + "-1", "alias", alias)))));
        if (!rest.send("HEAD", feeds, null).ok()) {
            rest.call("PUT", feeds, Map.of("settings", Map.of("number_of_shards", 1,
                    "number_of_replicas", Math.min(options.replicas(), 1)), "mappings", Map.of("dynamic", false)));
        }
    }

    /** Makes a new, empty index of posts named {@code name}, laid out as the schema says. */
    void createIndex(String name) {
        rest.call("PUT", name + "?wait_for_active_shards=1", Mapping.index(options.shards(), options.replicas()));
    }

    // Searching.

    @Override
    public SearchResult search(SearchRequest request) {
        long start = System.nanoTime();
        boolean relevance = request.sort() == SearchRequest.Sort.RELEVANCE;
        List<String> languages = languages();
        QueryDsl.Built built = QueryDsl.build(request.query(), relevance, languages);
        JsonNode answer = run(built, request, languages);
        long total = answer.path("hits").path("total").path("value").asLong();
        boolean everyWord = !built.short_() || topScore(answer) >= QueryDsl.ALL_WORDS_BOOST;
        Optional<String> didYouMean = Optional.empty();
        boolean corrected = false;
        if (built.hasText() && request.respell()) {
            didYouMean = respelled(request.query(), answer);
            if (didYouMean.isPresent() && (!everyWord || total == 0)) {
                QueryDsl.Built alt = QueryDsl.build(didYouMean.get(), relevance, languages);
                JsonNode altAnswer = run(alt, request, languages);
                long altTotal = altAnswer.path("hits").path("total").path("value").asLong();
                boolean altEvery = !alt.short_() || topScore(altAnswer) >= QueryDsl.ALL_WORDS_BOOST;
                if (altTotal > 0 && altEvery) {
                    built = alt;
                    answer = altAnswer;
                    total = altTotal;
                    everyWord = true;
                    corrected = true;
                }
            }
        }
        boolean relaxed = built.short_() && !everyWord && total > 0;
        List<Hit> hits = new ArrayList<>();
        for (JsonNode h : answer.path("hits").path("hits")) {
            hits.add(hit(h));
        }
        Map<String, List<FacetValue>> facets = Facets.values(answer.path("aggregations"), request);
        return new SearchResult(request.query(), total, (System.nanoTime() - start) / 1_000_000, request.page(),
                request.size(), request.sort().label(), SearchRequest.Mode.LEXICAL.label(), hits, facets, didYouMean,
                corrected, relaxed,
                built.warnings());
    }

    /**
     * The languages other than English that the index holds posts in, by code, sorted: asked of the cluster at
     * most once a second (and after each of our own writes), as the embedded engine reads them per generation.
     */
    List<String> languages() {
        KnownLanguages known = languages;
        long now = System.nanoTime();
        if (known != KnownLanguages.UNKNOWN && now - known.askedNanos() < LANGUAGES_TTL_NANOS) {
            return known.codes();
        }
        Map<String, Object> body = Map.of("size", 0, "aggs", Map.of("languages", Map.of("terms", Map.of(
                "field", Mapping.keyField(Dimension.LANGUAGE), "size", LANGUAGES))));
        Set<String> codes = new java.util.TreeSet<>();
        for (JsonNode b : rest.call("POST", alias + "/_search", body).path("aggregations").path("languages")
                .path("buckets")) {
            String field = PostSchema.inLanguage(PostSchema.BODY, b.path("key").asText());
            if (!field.equals(PostSchema.BODY)) {
                codes.add(PostSchema.languageOf(field));
            }
        }
        List<String> out = List.copyOf(codes);
        languages = new KnownLanguages(out, now);
        return out;
    }

    private JsonNode run(QueryDsl.Built built, SearchRequest request, List<String> languages) {
        List<Object> mainFilters = new ArrayList<>(QueryDsl.dates(request));
        Map<String, Object> query = mainFilters.isEmpty() ? built.query()
                : Map.of("bool", Map.of("must", List.of(built.query()), "filter", mainFilters));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("from", (request.page() - 1) * request.size());
        body.put("size", request.size());
        body.put("track_total_hits", true);
        body.put("_source", Map.of("excludes", NOT_LISTED));
        Facets.selected(request).ifPresent(f -> body.put("post_filter", f));
        body.put("aggs", Facets.aggregations(request));
        body.put("highlight", highlight(built.highlight(), 1));
        Optional<Map<String, Object>> proximity = QueryDsl.proximity(built, languages);
        // Without words there is nothing to rank by: the newest first, as the embedded engine does.
        if (request.sort() == SearchRequest.Sort.NEWEST || !built.hasText()) {
            body.put("sort", List.of(Map.of("_score", "desc"), Map.of(PostSchema.PUBLISHED,
                    Map.of("order", "desc", "missing", "_last")), Map.of(PostSchema.ID, "asc")));
        } else if (proximity.isPresent()) {
            // A rescore orders by score alone (OpenSearch allows no sort beside it).
            body.put("rescore", Map.of("window_size", QueryDsl.RESCORE_WINDOW, "query", Map.of("rescore_query",
                    proximity.get(), "query_weight", 1, "rescore_query_weight", 0.5)));
        } else {
            body.put("sort", List.of(Map.of("_score", "desc"), Map.of(PostSchema.ID, "asc")));
        }
        if (built.hasText() && request.respell()) {
            body.put("suggest", Map.of("text", request.query(), "words", Map.of("term", Map.of(
                    "field", PostSchema.BODY, "suggest_mode", "missing", "analyzer", Mapping.EXACT,
                    "max_edits", 2, "min_word_length", 3, "size", 8))));
        }
        return rest.call("POST", alias + "/_search", body);
    }

    /**
     * Marks in title (whole) and body (best passages, or the start), in whichever language's fields the post has
     * them; the text is HTML-escaped.
     */
    private static Map<String, Object> highlight(Map<String, Object> query, int passages) {
        Map<String, Object> body = passages == 0
                ? Map.of("number_of_fragments", 0)
                : Map.of("fragment_size", SNIPPET_CHARS, "number_of_fragments", passages, "no_match_size", SNIPPET_CHARS);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : List.of(PostSchema.TITLE, PostSchema.BODY)) {
            Map<String, Object> how = field.equals(PostSchema.TITLE) ? Map.of("number_of_fragments", 0) : body;
            fields.put(field, how);
            fields.put(everyLanguage(field), how);
        }
        return Map.of("pre_tags", List.of("<mark>"), "post_tags", List.of("</mark>"), "encoder", "html",
                "type", "unified", "require_field_match", false, "highlight_query", query, "fields", fields);
    }

    private static double topScore(JsonNode answer) {
        JsonNode first = answer.path("hits").path("hits").path(0);
        return first.isMissingNode() ? 0 : first.path("_score").asDouble(0);
    }

    /**
     * The query with each word the index has nowhere replaced by the term suggester's candidate that the
     * embedded engine's rules choose ({@link Typo}): close enough, and clearly likelier than the others.
     */
    private static Optional<String> respelled(String query, JsonNode answer) {
        String out = query;
        boolean changed = false;
        for (JsonNode word : answer.path("suggest").path("words")) {
            String typed = word.path("text").asText();
            Map<String, Double> likelihood = new LinkedHashMap<>();
            for (JsonNode option : word.path("options")) {
                String candidate = option.path("text").asText();
                double weight = typed.chars().allMatch(Character::isLetter) ? Typo.weight(typed, candidate) : 0;
                if (weight > 0) {
                    likelihood.merge(candidate, weight * option.path("freq").asLong(), Double::sum);
                }
            }
            Optional<String> best = Typo.clearWinner(likelihood);
            if (best.isPresent()) {
                out = out.replaceFirst("(?i)\\b" + Pattern.quote(typed) + "\\b", Matcher.quoteReplacement(best.get()));
                changed = true;
            }
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    private static Hit hit(JsonNode h) {
        Post p = post(h.path("_source"));
        String title = p.displayTitle();
        JsonNode marked = h.path("highlight");
        String titleHtml = marked(marked, PostSchema.TITLE, escape(title));
        if (p.title().isBlank()) {
            titleHtml = escape(title);
        }
        String snippet = marked(marked, PostSchema.BODY, escape(p.summary()));
        return new Hit(p.id(), p.url(), title, titleHtml, p.author(), p.feedTitle(), p.published(), p.tags(),
                snippet, (float) h.path("_score").asDouble(0));
    }

    private static Post post(JsonNode source) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.MAPPER.convertValue(source, Map.class);
        return PostSchema.fromValues(values);
    }

    private static String escape(String s) {
        return Html.escape(s);
    }

    /**
     * A marked field of an answer, or {@code otherwise} when OpenSearch marked none; written the way the embedded
     * engine writes it (OpenSearch's encoder writes ' as &amp;#x27; and / as &amp;#x2F;).
     */
    private static String marked(JsonNode highlight, String field, String otherwise) {
        JsonNode first = highlight.path(field).path(0);
        for (Map.Entry<String, JsonNode> f : highlight.properties()) {
            if (first.isMissingNode() && PostSchema.storedIn(f.getKey()).equals(field)) {
                first = f.getValue().path(0);
            }
        }
        return first.isMissingNode() ? otherwise : first.asText().replace("&#x27;", "&#39;").replace("&#x2F;", "/");
    }

    @Override
    public Optional<Post> post(String idOrUrl) {
        return find(idOrUrl).map(h -> post(h.path("_source")));
    }

    /** The hit of the post with this id or URL (in any of its {@link PostId#urlVariants}), with its body. */
    private Optional<JsonNode> find(String idOrUrl) {
        String key = idOrUrl.strip();
        if (key.isEmpty() || key.length() > 2_000) {
            return Optional.empty();
        }
        List<String> urls = PostId.isValid(key) ? List.of() : PostId.urlVariants(key);
        Map<String, Object> body = Map.of("size", urls.size() + 1, "query", QueryDsl.bool("should", List.of(
                Map.of("term", Map.of(PostSchema.ID, key)), Map.of("terms", Map.of(PostSchema.URL, urls)))),
                "_source", Map.of("excludes", List.of("facets", "keys")));
        JsonNode hits = rest.call("POST", alias + "/_search", body).path("hits").path("hits");
        JsonNode best = null;
        int rank = Integer.MAX_VALUE;
        for (JsonNode h : hits) {
            String url = h.path("_source").path(PostSchema.URL).asText();
            int r = h.path("_source").path(PostSchema.ID).asText().equals(key) ? -1 : urls.indexOf(url);
            if (r < rank) {
                best = h;
                rank = r;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public Optional<HighlightedPost> highlighted(String idOrUrl, String query) {
        Optional<JsonNode> found = find(idOrUrl);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Post p = post(found.get().path("_source"));
        QueryDsl.Built built = QueryDsl.build(query, true, languages());
        Map<String, Object> body = Map.of("size", 1, "query", Map.of("ids", Map.of("values", List.of(p.id()))),
                "_source", false, "highlight", highlight(built.highlight(), 0));
        JsonNode marked = rest.call("POST", alias + "/_search", body).path("hits").path("hits").path(0)
                .path("highlight");
        return Optional.of(new HighlightedPost(p, marked(marked, PostSchema.TITLE, escape(p.title())),
                marked(marked, PostSchema.BODY, escape(p.text()))));
    }

    @Override
    public Optional<Related> related(String idOrUrl, int size) {
        if (size < 1 || size > Related.MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + Related.MAX_SIZE + ", not " + size);
        }
        Optional<JsonNode> found = find(idOrUrl);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Post p = post(found.get().path("_source"));
        List<String> fields = relatedFields(p);
        Map<String, Object> mlt = Map.of("more_like_this", Map.of(
                "fields", fields,
                "like", List.of(Map.of("_index", found.get().path("_index").asText(), "_id", p.id())),
                "min_term_freq", 1, "min_doc_freq", 2, "max_query_terms", 50, "minimum_should_match", "10%"));
        // Each telling word a named clause that adds nothing to the score: a hit names the ones it has.
        Map<String, Double> telling = telling(found.get().path("_index").asText(), p.id(), fields);
        List<Object> named = new ArrayList<>();
        telling.keySet().forEach(t -> named.add(Map.of("multi_match", Map.of("query", t, "fields", fields,
                "analyzer", "keyword", "boost", 0, "_name", t))));
        Map<String, Object> body = Map.of("size", size,
                "query", Map.of("bool", Map.of("must", List.of(mlt), "should", named)),
                "_source", Map.of("excludes", NOT_LISTED));
        Map<String, String> surface = surfaceForms(p);
        Set<String> tagKeys = p.tags().stream().map(Dimension.TAG::key).collect(Collectors.toSet());
        List<Related.RelatedPost> posts = new ArrayList<>();
        for (JsonNode h : rest.call("POST", alias + "/_search", body).path("hits").path("hits")) {
            Post r = post(h.path("_source"));
            List<String> shared = new ArrayList<>();
            h.path("matched_queries").forEach(t -> shared.add(t.asText()));
            shared.sort(Comparator.comparingDouble((String t) -> -telling.get(t)).thenComparing(t -> t));
            posts.add(new Related.RelatedPost(r.id(), r.url(), r.displayTitle(), r.published(), r.tags(),
                    (float) h.path("_score").asDouble(),
                    r.tags().stream().filter(t -> tagKeys.contains(Dimension.TAG.key(t))).toList(),
                    shared.stream().map(t -> surface.getOrDefault(t, t))
                            .filter(w -> w.indexOf('\'') < 0 && w.indexOf('’') < 0).distinct()
                            .limit(MAX_SHARED).toList(), ""));
        }
        return Optional.of(new Related(p.id(), p.displayTitle(), "words", posts));
    }

    /**
     * The words that tell most what post {@code id} is about, as indexed (stems), with their weight: those a
     * related post is said to share with it.
     */
    private Map<String, Double> telling(String index, String id, List<String> fields) {
        JsonNode vectors = rest.call("POST", index + "/_termvectors/" + encode(id), Map.of(
                "fields", fields, "term_statistics", true, "field_statistics", false, "positions", false,
                "offsets", false, "filter", Map.of("max_num_terms", 25, "min_term_freq", 1, "min_doc_freq", 2)))
                .path("term_vectors");
        Map<String, Double> out = new LinkedHashMap<>();
        for (String field : fields) {
            vectors.path(field).path("terms").fields().forEachRemaining(t ->
                    out.merge(t.getKey(), t.getValue().path("score").asDouble(), Double::sum));
        }
        return out;
    }

    /** The fields a post related to {@code post} shares words with: its language's title and body, and tags. */
    private static List<String> relatedFields(Post post) {
        return List.of(PostSchema.inLanguage(PostSchema.TITLE, post.language()),
                PostSchema.inLanguage(PostSchema.BODY, post.language()), PostSchema.TAGS);
    }

    /** Each stem of the post's words to the first word it came from ("comput" to "computing"), in its language. */
    private Map<String, String> surfaceForms(Post post) {
        String text = post.title() + "\n" + String.join("\n", post.tags()) + "\n" + post.text();
        String code = PostSchema.languageOf(PostSchema.inLanguage(PostSchema.BODY, post.language()));
        JsonNode tokens = rest.call("POST", alias + "/_analyze", Map.of("analyzer", code.isEmpty() ? Mapping.ENGLISH
                : Mapping.analyzer(code), "text", text)).path("tokens");
        Map<String, String> forms = new LinkedHashMap<>();
        for (JsonNode t : tokens) {
            String word = text.substring(t.path("start_offset").asInt(), t.path("end_offset").asInt())
                    .toLowerCase(Locale.ROOT);
            forms.putIfAbsent(t.path("token").asText(), word.replaceAll("['’]s$", ""));
        }
        return forms;
    }

    @Override
    public List<Suggestion> suggest(String prefix, int size) {
        if (size < 1 || size > Suggestion.MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + Suggestion.MAX_SIZE + ", not " + size);
        }
        if (prefix.length() > 200) {
            throw new BadRequest("q", "a prefix of " + prefix.length() + " characters is too long to complete");
        }
        String typed = prefix.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (typed.isEmpty()) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        int tagSlots = Math.max(1, size / 3);
        for (FacetValue t : tags(200)) {
            String tag = t.value().toLowerCase(Locale.ROOT);
            if (out.size() < tagSlots && (tag.startsWith(typed) || tag.contains(" " + typed))) {
                out.add(new Suggestion(t.value(), Suggestion.TAG, t.count(), "", ""));
            }
        }
        Map<String, Object> body = Map.of("size", size - out.size(), "query", Map.of("multi_match", Map.of(
                "query", typed, "type", "phrase_prefix", "fields", List.of(PostSchema.TITLE_EXACT, EXACT_TITLES),
                "max_expansions", QueryDsl.PREFIX_EXPANSIONS)),
                "_source", List.of(PostSchema.ID, PostSchema.URL, PostSchema.TITLE, ALL_TITLES),
                "sort", List.of(Map.of("_score", "desc"), Map.of(PostSchema.PUBLISHED, Map.of("order", "desc",
                        "missing", "_last"))));
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode h : rest.call("POST", alias + "/_search", body).path("hits").path("hits")) {
            String title = Objects.toString(PostSchema.inAnyLanguage(Json.MAPPER.convertValue(h.path("_source"),
                    Map.class), PostSchema.TITLE), "");
            if (!title.isBlank() && seen.add(title)) {
                out.add(new Suggestion(title, Suggestion.TITLE, 0, h.path("_source").path(PostSchema.ID).asText(),
                        h.path("_source").path(PostSchema.URL).asText()));
            }
        }
        return out;
    }

    @Override
    public List<FacetValue> tags(int limit) {
        Map<String, Object> body = Map.of("size", 0, "aggs", Facets.terms(Dimension.TAG, limit));
        return Facets.values(Dimension.TAG, rest.call("POST", alias + "/_search", body).path("aggregations")
                .path(Dimension.TAG.label()), List.of(), limit);
    }

    @Override
    public Stats stats() {
        Map<String, Object> aggs = new LinkedHashMap<>(Facets.terms(Dimension.LANGUAGE, LANGUAGES));
        aggs.put("feeds", Map.of("cardinality", Map.of("field", PostSchema.SOURCE, "precision_threshold", 40_000)));
        aggs.put("oldest", Map.of("min", Map.of("field", PostSchema.PUBLISHED)));
        aggs.put("newest", Map.of("max", Map.of("field", PostSchema.PUBLISHED)));
        Map<String, Object> body = Map.of("size", 0, "track_total_hits", true, "aggs", aggs);
        JsonNode a = rest.call("POST", alias + "/_search", body);
        JsonNode stats = rest.call("GET", alias + "/_stats/store", null);
        long bytes = stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
        return new Stats(a.path("hits").path("total").path("value").asLong(),
                a.path("aggregations").path("feeds").path("value").asLong(), tags(10),
                instant(a.path("aggregations").path("oldest")), instant(a.path("aggregations").path("newest")), bytes,
                Optional.empty(), Facets.values(Dimension.LANGUAGE, a.path("aggregations").path(
                        Dimension.LANGUAGE.label()), List.of(), LANGUAGES),
                a.path("hits").path("total").path("value").asLong());
    }

    /** Posts on a cluster have no vectors: search by meaning is the embedded engine's. */
    @Override
    public Optional<Embedder> model() {
        return Optional.empty();
    }

    @Override
    public List<PostRecord> lackingVectors(int limit) {
        return List.of();
    }

    @Override
    public int putVectors(List<VectorRecord> vectors) {
        return 0;
    }

    @Override
    public void dropReplaced() {
        // no vectors are put, so nothing is replaced
    }

    private static Optional<Instant> instant(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Optional.of(Instant.ofEpochMilli(v.asLong())) : Optional.empty();
    }

    @Override
    public long version() {
        JsonNode s = rest.call("GET", alias + "/_stats/docs,indexing", null).path("_all").path("primaries");
        return s.path("docs").path("count").asLong() * 31 + s.path("indexing").path("index_total").asLong() * 17
                + s.path("docs").path("deleted").asLong();
    }

    @Override
    public long[] cacheCounts() {
        return new long[] {0, 0};
    }

    @Override
    public void refresh() {
        if (bulk.takeWritten()) {
            rest.call("POST", alias + "/_refresh", null);
            languages = KnownLanguages.UNKNOWN;
        }
    }

    // Writing.

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot() {
            @Override
            public OptionalLong hash(String id) {
                Rest.Answer a = rest.send("GET", alias + "/_doc/" + encode(id) + "?_source_includes="
                        + PostSchema.HASH, null);
                JsonNode h = a.body().path("_source").path(PostSchema.HASH);
                return a.ok() && h.isNumber() ? OptionalLong.of(h.asLong()) : OptionalLong.empty();
            }

            @Override
            public Optional<FeedRecord> feed(String location) {
                Rest.Answer a = rest.send("GET", feeds + "/_doc/" + feedId(location), null);
                if (!a.ok() || !a.body().path("found").asBoolean()) {
                    return Optional.empty();
                }
                return Optional.of(feedRecord(a.body().path("_source")));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void put(List<PostRecord> posts) {
        requireWritable();
        requireLayout();
        for (PostRecord p : posts) {
            bulk.index(alias, p.post().id(), Mapping.document(p.post(), p.hash()));
        }
    }

    @Override
    public void putFeed(FeedRecord feed) {
        requireWritable();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("location", feed.location());
        doc.put("title", feed.title());
        doc.put("etag", feed.etag());
        doc.put("last_modified", feed.lastModified());
        doc.put("size", feed.size());
        doc.put("modified_millis", feed.modifiedMillis());
        doc.put("fetched", feed.fetched().toEpochMilli());
        bulk.feed(feeds, feedId(feed.location()), doc);
    }

    private static FeedRecord feedRecord(JsonNode f) {
        return new FeedRecord(f.path("location").asText(), f.path("title").asText(), f.path("etag").asText(),
                f.path("last_modified").asText(), f.path("size").asLong(-1), f.path("modified_millis").asLong(-1),
                Instant.ofEpochMilli(f.path("fetched").asLong()));
    }

    private static String feedId(String location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(location.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Refuses to write into an index laid out by an older blogsearch (its mapping would refuse some posts): asked once,
     * since only a reindex changes it.
     */
    private void requireLayout() {
        if (layoutChecked) {
            return;
        }
        String index = current();
        String found = rest.call("GET", index + "/_mapping", null).path(index).path("mappings").path("_meta")
                .path(Mapping.META_SCHEMA).asText("");
        if (!found.equals(Mapping.LAYOUT)) {
            throw new IndexError("the index " + index + " behind '" + alias + "' was laid out by another version of "
                    + "blogsearch (layout '" + found + "', this one writes '" + Mapping.LAYOUT + "'): run 'blogsearch "
                    + "reindex --engine opensearch' to rebuild it from its own posts", null);
        }
        layoutChecked = true;
    }

    private void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("the OpenSearch engine was opened for searching only");
        }
    }

    @Override
    public void flush() {
        bulk.sendPosts();
    }

    /** Sends every post put so far, then the feeds read in full (never before their posts), and refreshes. */
    @Override
    public void commit() {
        bulk.commit();
        refresh();
    }

    @Override
    public Optional<String> writeFailure() {
        return bulk.failure();
    }

    @Override
    public void reopenIfFailed() {
        bulk.clearFailure();
    }

    @Override
    public Merged optimize(int maxSegments) {
        long[] before = segments();
        rest.call("POST", alias + "/_forcemerge?max_num_segments=" + maxSegments, null);
        long[] after = segments();
        return new Merged((int) before[0], (int) after[0], before[1], after[1]);
    }

    private long[] segments() {
        JsonNode p = rest.call("GET", alias + "/_stats/segments,store", null).path("_all").path("primaries");
        return new long[] {p.path("segments").path("count").asLong(), p.path("store").path("size_in_bytes").asLong()};
    }

    /**
     * A new index numbered one more than the one behind the alias, with its shards and replicas and the mapping
     * the schema now makes; every post read back from the old index and written into it as the schema now lays
     * posts out (so a new field or facet is filled in), while the old index refuses writes; then the alias moved
     * in one atomic request and the old index dropped. Searches go to the old index until the switch and to the
     * new one after it. On failure the new index is dropped and the old one is writable again.
     */
    @Override
    public Reindexed reindex() {
        requireWritable();
        String from = current();
        JsonNode settings = rest.call("GET", from + "/_settings", null).path(from).path("settings").path("index");
        String to = next(from);
        rest.call("PUT", to + "?wait_for_active_shards=1", Mapping.index(
                settings.path("number_of_shards").asInt(options.shards()),
                settings.path("number_of_replicas").asInt(options.replicas())));
        long copied;
        try {
            blockWrites(from, true);
            Bulk copy = new Bulk(rest);
            eachPost(from, batch -> batch.forEach(p -> copy.index(to, p.post().id(),
                    Mapping.document(p.post(), p.hash()))));
            copy.commit();
            rest.call("POST", to + "/_refresh", null);
            copied = count(to);
            long had = count(from);
            if (copied != had) {
                throw new IndexError("copying " + from + " into " + to + " gave " + copied + " posts of " + had, null);
            }
            rest.call("POST", "_aliases", Map.of("actions", List.of(
                    Map.of("remove", Map.of("index", from, "alias", alias)),
                    Map.of("add", Map.of("index", to, "alias", alias)))));
        } catch (RuntimeException e) {
            rest.send("DELETE", to, null);
            blockWrites(from, false);
            throw e;
        }
        rest.call("DELETE", from, null);
        return new Reindexed(from, to, copied);
    }

    /** The index the alias points at. */
    private String current() {
        JsonNode a = rest.call("GET", "_alias/" + alias, null);
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        if (names.size() != 1) {
            throw new IndexError("the alias " + alias + " should name one index, not " + names, null);
        }
        return names.get(0);
    }

    /** The name after {@code from} ("blogsearch-2" after "blogsearch-1") that no index has yet. */
    private String next(String from) {
        Matcher m = Pattern.compile(Pattern.quote(alias) + "-(\\d+)").matcher(from);
        int n = m.matches() ? Integer.parseInt(m.group(1)) + 1 : 1;
        while (rest.send("HEAD", alias + "-" + n, null).ok()) {
            n++;
        }
        return alias + "-" + n;
    }

    private void blockWrites(String index, boolean blocked) {
        rest.call("PUT", index + "/_settings", Map.of("index.blocks.write", blocked));
    }

    private long count(String index) {
        return rest.call("GET", index + "/_count", null).path("count").asLong();
    }

    @Override
    public void export(Consumer<List<PostRecord>> posts, Consumer<FeedRecord> feedRecords) {
        eachPost(alias, posts);
        if (rest.send("HEAD", feeds, null).ok()) {
            scroll(feeds, true, hits -> hits.forEach(h -> feedRecords.accept(feedRecord(h.path("_source")))));
        }
    }

    /** Every post of {@code index} with its fingerprint, a page at a time. */
    private void eachPost(String index, Consumer<List<PostRecord>> posts) {
        scroll(index, Map.of("excludes", List.of("facets", "keys")), hits -> {
            List<PostRecord> batch = new ArrayList<>();
            for (JsonNode h : hits) {
                batch.add(new PostRecord(post(h.path("_source")), h.path("_source").path(PostSchema.HASH).asLong()));
            }
            posts.accept(batch);
        });
    }

    /** Every document of {@code index}, a page of hits at a time, in the cheapest order. */
    private void scroll(String index, Object source, Consumer<JsonNode> page) {
        JsonNode a = rest.call("POST", index + "/_search?scroll=2m", Map.of("size", EXPORT_BATCH,
                "sort", List.of("_doc"), "_source", source));
        String id = a.path("_scroll_id").asText();
        try {
            while (!a.path("hits").path("hits").isEmpty()) {
                page.accept(a.path("hits").path("hits"));
                a = rest.call("POST", "_search/scroll", Map.of("scroll", "2m", "scroll_id", id));
                id = a.path("_scroll_id").asText(id);
            }
        } finally {
            rest.send("DELETE", "_search/scroll", Map.of("scroll_id", List.of(id)));
        }
    }

    /** Where the engine is, for messages: the address and the index. */
    public String describe() {
        return "OpenSearch at " + rest.address() + ", index " + alias;
    }

    @Override
    public void close() {}
}
