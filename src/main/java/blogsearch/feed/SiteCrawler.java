package blogsearch.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Every post of a blog from its address: the feed its home page names (the one with the fullest content when it names
 * several), followed page by page to the end of its archive, then the pages its sitemaps list that the feed did not
 * carry, fetched politely and read by {@link ArticleExtractor}.
 *
 * <p>Politeness: robots.txt is honoured for our product token (its Disallow rules for everything but the address the
 * user gave, its Crawl-delay as a floor for ours), at most {@code parallel} requests at a time per host, their starts
 * {@code delay} apart, and every request goes through the {@link Fetcher} and its limits.
 *
 * <p>Later runs fetch only what changed: what each feed, sitemap and page was is remembered (through {@link Memory}
 * and {@link Sink#remember}), so unchanged ones cost a conditional GET, and pages whose sitemap {@code lastmod} is no
 * newer than last time cost nothing.
 */
public final class SiteCrawler {
    /** Sitemaps nested deeper than this (an index of indexes of...) are not read. */
    static final int MAX_SITEMAP_DEPTH = 3;
    static final int MAX_SITEMAPS = 1_000;
    /** Bytes of a page read; the rest is not the post. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;
    /** Feeds a home page names that are compared for the fullest content. */
    static final int MAX_CANDIDATES = 4;
    static final String IN_FEED = "in the feed";

    /** Politeness and bounds; {@link #defaults()} suits a blog on the public internet. */
    public record Options(Duration delay, int parallel, int maxFeedPages, int maxPosts) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), 2, 100, 10_000);
        }
    }

    /** What was remembered of a feed, sitemap, page or site: a note (what it was) and its fetch state. */
    public record Memo(String note, FetchState state) {}

    /** What earlier runs remembered, by key. */
    public interface Memory {
        Optional<Memo> recall(String key);
    }

    /** Where posts and memos go, from several threads; memos of a page follow its post. */
    public interface Sink {
        void post(FeedEntry entry);

        void remember(String key, Memo memo);

        /** Pages found in sitemaps, fetched, skipped and still to do. */
        default void progress(int found, int fetched, int skipped, int left) {}

        default boolean stopping() {
            return false;
        }
    }

    /** What a crawl did, with its notes (the feed chosen, where paging stopped, pages skipped and why). */
    public record Report(String title, String feed, int posts, int feedPages, int pagesFetched, int pagesUnchanged,
            int pagesSkipped, int pagesLeft, int failures, List<String> notes) {}

    private final Fetcher fetcher;
    private final Options options;
    private final Map<String, PoliteGate> gates = new ConcurrentHashMap<>();

    public SiteCrawler(Fetcher fetcher, Options options) {
        this.fetcher = fetcher;
        this.options = options;
    }

    /** The key a site's own memo is remembered under: present once the site has been crawled. */
    public static String siteKey(URI site) {
        return "site:" + site;
    }

    /** The key a page's memo is remembered under. */
    public static String pageKey(String url) {
        return "page:" + normalize(url);
    }

    /** Crawls the blog at {@code site}; a site whose home page cannot be fetched fails with a FetchError. */
    public Report crawl(URI site, Memory memory, Sink sink, boolean force) {
        return new Run(site, memory, sink, force).run();
    }

    /** A URL as far as it identifies a page: no scheme, www., default port, fragment, trailing slash or index.html. */
    static String normalize(String url) {
        try {
            URI u = URI.create(url);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
            String port = u.getPort() < 0 || u.getPort() == 80 || u.getPort() == 443 ? "" : ":" + u.getPort();
            String path = u.getRawPath() == null ? "" : u.getRawPath().replaceFirst("/index\\.html?$", "/");
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return host + port + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private PoliteGate gate(URI uri) {
        return gates.computeIfAbsent(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT),
                h -> new PoliteGate(options.parallel(), options.delay()));
    }

    /** A document fetched in full, small enough to hold. */
    private record Fetched(byte[] bytes, String contentType, URI uri, FetchState state) {}

    /** One feed page as read. */
    private record FeedPage(Fetched fetched, List<FeedEntry> entries, FeedReader.FeedInfo info, Optional<URI> next) {}

    /** One crawl of one site. */
    private final class Run {
        private final URI site;
        private final Memory memory;
        private final Sink sink;
        private final boolean force;
        private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> covered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger posts = new AtomicInteger();
        private final AtomicInteger fetched = new AtomicInteger();
        private final AtomicInteger unchanged = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final Map<String, Integer> skipped = new TreeMap<>();
        private final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        private RobotsTxt robots;
        private String title = "";
        private String feedUrl = "";
        private String feedTitle = "";
        private int feedPages;
        private int left;
        private int found;
        private int sitemapsRead;

        Run(URI site, Memory memory, Sink sink, boolean force) {
            this.site = site;
            this.memory = memory;
            this.sink = sink;
            this.force = force;
        }

        Report run() {
            Optional<Memo> before = force ? Optional.empty() : memory.recall(siteKey(site));
            Optional<Fetched> home = get(site, before.map(Memo::state).orElse(FetchState.NONE), false);
            List<String> remembered = before.map(m -> List.of(m.note().split("\n"))).orElse(List.of());
            String chosen = line(remembered, "feed ");
            title = line(remembered, "title ");
            Optional<FeedPage> first = Optional.empty();
            if (home.isPresent()) {
                Document page = parse(home.get());
                title = firstNonBlank(page.select("meta[property=og:site_name]").attr("content"), page.title());
                first = chooseFeed(page);
                chosen = first.map(p -> p.fetched().uri().toString()).orElse("");
            } else if (!chosen.isEmpty()) {
                notes.add("home page unchanged; feed " + chosen);
            }
            if (first.isEmpty() && !chosen.isEmpty()) {
                first = readFeed(URI.create(chosen), true);
                if (first.isEmpty()) {
                    feedUrl = chosen;
                    feedTitle = line(remembered, "feed-title ");
                    notes.add("feed unchanged: " + chosen);
                }
            }
            if (first.isPresent()) {
                followFeed(first.get(), before.isEmpty());
            } else if (chosen.isEmpty()) {
                notes.add("no feed found on the home page or at " + String.join(", ", Discovery.USUAL_FEEDS));
            }
            boolean complete = crawlSitemaps();
            if (feedUrl.isEmpty() && sitemapsRead == 0) {
                throw new Fetcher.FetchError("an HTML page, not a feed, and its site has no feed (none linked, none at "
                        + String.join(", ", Discovery.USUAL_FEEDS) + ") and no sitemap");
            }
            String memo = "title " + title + "\nfeed " + feedUrl + "\nfeed-title " + feedTitle;
            if (home.isPresent() && complete) {
                sink.remember(siteKey(site), new Memo(memo, home.get().state()));
            } else if (home.isEmpty() && complete && before.isPresent()) {
                sink.remember(siteKey(site), new Memo(memo, before.get().state()));
            }
            int skippedTotal;
            synchronized (skipped) {
                skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
                if (!skipped.isEmpty()) {
                    List<String> why = new ArrayList<>();
                    skipped.forEach((reason, n) -> why.add(n + " " + reason));
                    notes.add("pages skipped: " + String.join(", ", why));
                }
            }
            if (!failed.isEmpty()) {
                notes.add(failures.get() + " pages failed, e.g. " + String.join("; ", failed));
            }
            return new Report(title.isEmpty() ? feedTitle : title, feedUrl, posts.get(), feedPages, fetched.get(),
                    unchanged.get(), skippedTotal, left, failures.get(), List.copyOf(notes));
        }

        /**
         * Reads the feeds the home page names and keeps the one with the most text per post (a full-content feed
         * over a summaries feed); the usual places when it names none.
         */
        private Optional<FeedPage> chooseFeed(Document page) {
            List<Discovery.FeedLink> links = Discovery.alternates(page, site);
            List<URI> candidates = links.stream().map(Discovery.FeedLink::uri).limit(MAX_CANDIDATES).toList();
            boolean usual = candidates.isEmpty();
            if (usual) {
                candidates = Discovery.usual(site);
            }
            FeedPage best = null;
            long bestChars = -1;
            List<String> others = new ArrayList<>();
            for (URI candidate : candidates) {
                if (usual && !robots().allows(candidate)) {
                    continue;
                }
                Optional<FeedPage> read;
                try {
                    read = readFeed(candidate, false);
                } catch (FeedReader.FeedError | Fetcher.FetchError e) {
                    if (!usual) {
                        notes.add("feed " + candidate + " failed: " + e.getMessage());
                    }
                    continue;
                }
                if (read.isEmpty() || read.get().entries().isEmpty()) {
                    continue;
                }
                long chars = averageChars(read.get().entries());
                if (best != null) {
                    others.add((chars > bestChars ? best.fetched().uri() + " (" + bestChars : candidate + " (" + chars)
                            + " characters a post)");
                }
                if (chars > bestChars) {
                    best = read.get();
                    bestChars = chars;
                }
                if (usual) {
                    break; // the first usual place that holds a feed is the feed
                }
            }
            if (best != null) {
                notes.add("feed " + best.fetched().uri() + " (" + kind(best.fetched()) + ", " + bestChars
                        + " characters a post" + (others.isEmpty() ? "" : "; chosen over " + String.join(", ", others))
                        + (usual ? "; found at a usual place, the home page names none" : "") + ")");
            }
            return Optional.ofNullable(best);
        }

        /** Reads feed pages from {@code first} on: to the end on the first crawl, later while they bring new posts. */
        private void followFeed(FeedPage first, boolean firstCrawl) {
            feedUrl = first.info().selfLink().isEmpty() ? first.fetched().uri().toString() : first.info().selfLink();
            feedTitle = first.info().title();
            if (title.isEmpty()) {
                title = feedTitle;
            }
            sink.remember(first.fetched().uri().toString(), new Memo(feedTitle, first.fetched().state()));
            FeedPage page = first;
            String stop = "to the end";
            Set<String> seen = new java.util.HashSet<>();
            while (true) {
                feedPages++;
                int fresh = 0;
                int newToIndex = 0;
                for (FeedEntry e : page.entries()) {
                    if (!seen.add(e.id())) {
                        continue;
                    }
                    fresh++;
                    String key = pageKey(e.url());
                    covered.add(normalize(e.url()));
                    Optional<Memo> memo = memory.recall(key);
                    if (memo.isEmpty()) {
                        newToIndex++;
                    }
                    if (posts.get() >= options.maxPosts()) {
                        stop = "stopped at the limit of " + options.maxPosts() + " posts";
                        break;
                    }
                    sink.post(e);
                    posts.incrementAndGet();
                    if (!e.url().isEmpty() && (memo.isEmpty() || !memo.get().note().equals(IN_FEED))) {
                        sink.remember(key, new Memo(IN_FEED, FetchState.NONE));
                    }
                }
                if (stop.startsWith("stopped")) {
                    break;
                }
                if (page.next().isEmpty()) {
                    break;
                }
                if (fresh == 0) {
                    stop = "stopped: page " + feedPages + " repeats earlier posts";
                    break;
                }
                if (!firstCrawl && newToIndex == 0) {
                    stop = "up to the posts already indexed";
                    break;
                }
                if (feedPages >= options.maxFeedPages()) {
                    stop = "stopped at the limit of " + options.maxFeedPages() + " feed pages; next was "
                            + page.next().get();
                    break;
                }
                if (sink.stopping()) {
                    stop = "stopped: the run was cancelled";
                    break;
                }
                URI next = page.next().get();
                if (!robots().allows(next)) {
                    stop = "stopped: robots.txt disallows " + next;
                    break;
                }
                try {
                    Optional<FeedPage> read = readFeed(next, false);
                    if (read.isEmpty() || read.get().entries().isEmpty()) {
                        break;
                    }
                    page = read.get();
                } catch (Fetcher.FetchError e) {
                    // Engines that page by a parameter answer past the end with 404 or 410.
                    if (!e.getMessage().equals("HTTP 404") && !e.getMessage().equals("HTTP 410")) {
                        stop = "stopped: page " + (feedPages + 1) + " failed: " + e.getMessage();
                    }
                    break;
                } catch (FeedReader.FeedError e) {
                    stop = "stopped: page " + (feedPages + 1) + " failed: " + e.getMessage();
                    break;
                }
            }
            notes.add("feed pages: " + feedPages + " read, " + stop + " (" + posts.get() + " posts)");
        }

        /** Reads one feed page, conditionally when {@code conditional}; empty when it has not changed. */
        private Optional<FeedPage> readFeed(URI uri, boolean conditional) {
            FetchState previous = conditional && !force
                    ? memory.recall(uri.toString()).map(Memo::state).orElse(FetchState.NONE) : FetchState.NONE;
            Optional<Fetched> got = get(uri, previous, true);
            if (got.isEmpty()) {
                return Optional.empty();
            }
            Fetched f = got.get();
            List<FeedEntry> entries = new ArrayList<>();
            BufferedStream in = new BufferedStream(f.bytes());
            try {
                if (JsonFeedReader.isJson(in)) {
                    JsonFeedReader.Paged paged = JsonFeedReader.read(in, f.uri(), entries::add);
                    Optional<URI> next = paged.next().isEmpty() ? Optional.empty()
                            : Optional.of(URI.create(paged.next()));
                    return Optional.of(new FeedPage(f, entries, paged.info(), next));
                }
            } catch (IOException e) {
                throw new FeedReader.FeedError("cannot read: " + e.getMessage(), 0, e);
            }
            FeedReader.FeedInfo info = FeedReader.read(in, f.contentType(), f.uri(), entries::add);
            return Optional.of(new FeedPage(f, entries, info,
                    FeedPaging.next(FeedPaging.header(f.bytes()), f.uri(), entries.size())));
        }

        /** Reads the sitemaps and crawls the pages they list; true if nothing was left undone. */
        private boolean crawlSitemaps() {
            List<String> named = robots().sitemaps();
            Deque<Object[]> queue = new ArrayDeque<>();
            for (String s : named.isEmpty() ? List.of(Discovery.root(site).resolve("/sitemap.xml").toString())
                    : named) {
                queue.add(new Object[] {URI.create(s), 0});
            }
            Map<String, SitemapReader.Entry> pages = new LinkedHashMap<>();
            Map<String, FetchState> read = new LinkedHashMap<>();
            int sitemaps = 0;
            int sitemapsUnchanged = 0;
            boolean complete = true;
            while (!queue.isEmpty() && sitemaps < MAX_SITEMAPS) {
                Object[] next = queue.poll();
                URI uri = (URI) next[0];
                int depth = (int) next[1];
                if (!robots().allows(uri)) {
                    continue;
                }
                sitemaps++;
                try {
                    FetchState previous = force ? FetchState.NONE
                            : memory.recall(uri.toString()).map(Memo::state).orElse(FetchState.NONE);
                    Optional<Fetched> got = get(uri, previous, true);
                    sitemapsRead++;
                    if (got.isEmpty()) {
                        sitemapsUnchanged++;
                        continue;
                    }
                    SitemapReader.Sitemap map = SitemapReader.read(new ByteArrayInputStream(got.get().bytes()),
                            got.get().uri());
                    read.put(uri.toString(), got.get().state());
                    for (SitemapReader.Entry e : map.pages()) {
                        pages.putIfAbsent(normalize(e.loc().toString()), e);
                    }
                    if (depth < MAX_SITEMAP_DEPTH) {
                        map.sitemaps().forEach(s -> queue.add(new Object[] {s.loc(), depth + 1}));
                    }
                } catch (Fetcher.FetchError | FeedReader.FeedError e) {
                    if (!(named.isEmpty() && e.getMessage().equals("HTTP 404"))) {
                        notes.add("sitemap " + uri + " failed: " + e.getMessage());
                        complete = false;
                    }
                }
            }
            if (sitemaps == 0) {
                return complete;
            }
            found = pages.size();
            complete &= crawlPages(new ArrayList<>(pages.values()));
            notes.add("sitemaps: " + sitemaps + " read" + (sitemapsUnchanged > 0 ? ", " + sitemapsUnchanged
                    + " unchanged" : "") + "; " + pages.size() + " pages listed, " + fetched.get() + " fetched, "
                    + unchanged.get() + " unchanged" + (left > 0 ? ", " + left + " left for the next run" : ""));
            if (complete) {
                read.forEach((key, state) -> sink.remember(key, new Memo("sitemap", state)));
            }
            return complete;
        }

        private boolean crawlPages(List<SitemapReader.Entry> pages) {
            List<SitemapReader.Entry> todo = new ArrayList<>();
            for (SitemapReader.Entry e : pages) {
                String norm = normalize(e.loc().toString());
                Optional<Memo> memo = force ? Optional.empty() : memory.recall(pageKey(e.loc().toString()));
                Optional<String> byUrl = ArticleExtractor.skipByUrl(e.loc());
                if (covered.contains(norm) || memo.map(m -> m.note().equals(IN_FEED)).orElse(false)) {
                    skip(IN_FEED);
                } else if (byUrl.isPresent()) {
                    skip(byUrl.get());
                } else if (!robots().allows(e.loc())) {
                    skip("disallowed by robots.txt");
                } else if (memo.isPresent() && e.lastmod().isPresent()
                        && memo.get().state().modifiedMillis() >= e.lastmod().get().toEpochMilli()) {
                    unchanged.incrementAndGet();
                } else {
                    todo.add(e);
                }
            }
            AtomicInteger remaining = new AtomicInteger(todo.size());
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, options.parallel()), r -> {
                Thread t = new Thread(r, "crawl");
                t.setDaemon(true);
                return t;
            });
            AtomicInteger notDone = new AtomicInteger();
            try {
                for (SitemapReader.Entry e : todo) {
                    workers.execute(() -> {
                        try {
                            if (posts.get() >= options.maxPosts() || sink.stopping()) {
                                notDone.incrementAndGet();
                            } else {
                                crawlPage(e);
                            }
                        } finally {
                            remaining.decrementAndGet();
                            report(remaining.get());
                        }
                    });
                }
            } finally {
                workers.shutdown();
                try {
                    while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                        report(remaining.get());
                    }
                } catch (InterruptedException e) {
                    workers.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
            left = notDone.get();
            if (left > 0 && posts.get() >= options.maxPosts()) {
                notes.add("stopped at the limit of " + options.maxPosts() + " posts: " + left + " pages left");
            }
            return left == 0 && failures.get() == 0;
        }

        private void report(int remaining) {
            int s;
            synchronized (skipped) {
                s = skipped.values().stream().mapToInt(Integer::intValue).sum();
            }
            sink.progress(found, fetched.get(), s, remaining);
        }

        private void crawlPage(SitemapReader.Entry e) {
            String key = pageKey(e.loc().toString());
            FetchState previous = force ? FetchState.NONE
                    : memory.recall(key).map(Memo::state).orElse(FetchState.NONE);
            long lastmod = e.lastmod().map(Instant::toEpochMilli).orElse(-1L);
            Optional<Fetched> got;
            try {
                got = get(e.loc(), previous, true);
            } catch (Fetcher.FetchError err) {
                failures.incrementAndGet();
                if (failed.size() < 3) {
                    failed.add(e.loc() + ": " + err.getMessage());
                }
                return;
            }
            if (got.isEmpty()) {
                unchanged.incrementAndGet();
                return;
            }
            fetched.incrementAndGet();
            Fetched f = got.get();
            FetchState state = new FetchState(f.state().etag(), f.state().lastModified(), -1, lastmod);
            String type = f.contentType() == null ? "" : f.contentType().toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("html")) {
                skip("not an HTML page");
                sink.remember(key, new Memo("skipped: not an HTML page", state));
                return;
            }
            Document doc = parse(f);
            Article article = ArticleExtractor.extract(doc, f.uri());
            if (!article.isPost()) {
                skip(article.notAPost().get());
                sink.remember(key, new Memo("skipped: " + article.notAPost().get(), state));
                return;
            }
            if (covered.contains(normalize(article.url()))
                    || memory.recall(pageKey(article.url())).map(m -> m.note().equals(IN_FEED)).orElse(false)) {
                skip(IN_FEED);
                sink.remember(key, new Memo(IN_FEED, state));
                return;
            }
            if (posts.incrementAndGet() > options.maxPosts()) {
                posts.decrementAndGet();
                left++;
                return;
            }
            sink.post(article.toEntry(feedTitle.isEmpty() ? title : feedTitle, feedUrl.isEmpty() ? site.toString()
                    : feedUrl));
            sink.remember(key, new Memo("post", state));
        }

        private void skip(String reason) {
            synchronized (skipped) {
                skipped.merge(reason, 1, Integer::sum);
            }
        }

        private RobotsTxt robots() {
            if (robots == null) {
                URI at = Discovery.root(site).resolve("/robots.txt");
                String key = "robots:" + at;
                Optional<Memo> memo = force ? Optional.empty() : memory.recall(key);
                try {
                    Optional<Fetched> got = get(at, memo.map(Memo::state).orElse(FetchState.NONE), false);
                    String text = got.map(f -> new String(f.bytes(), StandardCharsets.UTF_8))
                            .orElseGet(() -> memo.get().note());
                    if (got.isPresent() && text.length() <= RobotsTxt.MAX_CHARS / 8) {
                        sink.remember(key, new Memo(text, got.get().state()));
                    }
                    robots = RobotsTxt.parse(text, at);
                } catch (Fetcher.FetchError e) {
                    // 4xx: no rules; a server error or no answer: RFC 9309 says assume all is disallowed.
                    boolean missing = e.getMessage().matches("HTTP 4\\d\\d");
                    robots = missing ? RobotsTxt.allowAll() : RobotsTxt.parse("User-agent: *\nDisallow: /\n", at);
                    if (!missing) {
                        notes.add("robots.txt failed (" + e.getMessage() + "): nothing but feeds fetched");
                    }
                }
                robots.crawlDelay().ifPresent(d -> gate(site).atLeast(d));
            }
            return robots;
        }

        /** Fetches politely; empty when not modified. */
        private Optional<Fetched> get(URI uri, FetchState previous, boolean counted) {
            PoliteGate.Pass pass;
            try {
                pass = gate(uri).enter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Fetcher.FetchError("interrupted");
            }
            try (pass) {
                Fetcher.Result result = fetcher.fetch(uri, previous);
                if (result instanceof Fetcher.NotModified) {
                    return Optional.empty();
                }
                try (Fetcher.Body body = (Fetcher.Body) result) {
                    byte[] bytes = body.in().readNBytes(MAX_PAGE_BYTES * (counted ? 16 : 1));
                    return Optional.of(new Fetched(bytes, body.contentType(), body.uri(), body.state()));
                }
            } catch (IOException e) {
                throw new Fetcher.FetchError("cannot read: " + e.getMessage());
            }
        }
    }

    private static String kind(Fetched f) {
        String type = f.contentType() == null ? "" : f.contentType().toLowerCase(Locale.ROOT);
        BufferedStream in = new BufferedStream(f.bytes());
        try {
            if (JsonFeedReader.isJson(in)) {
                return "JSON Feed";
            }
            String root = Sources.rootElement(in);
            return root.equals("feed") ? "Atom" : root.equals("rss") || root.equals("rdf") ? "RSS" : type;
        } catch (IOException e) {
            return type;
        }
    }

    private static long averageChars(List<FeedEntry> entries) {
        long chars = 0;
        for (FeedEntry e : entries) {
            chars += Math.max(e.content().length(), e.description().length());
        }
        return entries.isEmpty() ? 0 : chars / entries.size();
    }

    /** The page in the charset its Content-Type names, else the one its bytes or meta tags declare. */
    private static Document parse(Fetched f) {
        String type = f.contentType() == null ? "" : f.contentType();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)charset=\"?([-\\w.:]+)").matcher(type);
        String charset = m.find() && java.nio.charset.Charset.isSupported(m.group(1)) ? m.group(1) : null;
        try {
            return Jsoup.parse(new ByteArrayInputStream(f.bytes()), charset, f.uri().toString());
        } catch (IOException | java.nio.charset.IllegalCharsetNameException e) {
            return Jsoup.parse(new String(f.bytes(), StandardCharsets.UTF_8), f.uri().toString());
        }
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse("");
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b == null ? "" : b.strip();
    }

    /** A buffered stream over bytes already in memory, as the readers want one. */
    private static final class BufferedStream extends java.io.BufferedInputStream {
        BufferedStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes), Math.max(1, Math.min(bytes.length, 1 << 16)));
        }
    }
}
