package blogsearch.feed;

import blogsearch.feed.PoliteFetcher.Fetched;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;

/**
 * Every post of a blog from its address: the feed its home page names (the one with the fullest content when it names
 * several), followed page by page to the end of its archive, then the pages its sitemaps list that the feed did not
 * carry ({@link SitemapCrawl}), fetched politely ({@link PoliteFetcher}) and read by {@link ArticleExtractor}.
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
    /** Feeds a home page names that are compared for the fullest content. */
    static final int MAX_CANDIDATES = 4;
    /** A page's memo when a feed carries its post ("in the feed as ID" when the post kept a page's id). */
    static final String IN_FEED = "in the feed";
    /** A page's memo when the page itself gave its post, followed by the post's id. */
    static final String POST = "post ";

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

    /** One crawl's site, what earlier runs remembered, where its posts go, and how it fetches. */
    record Scope(URI site, Memory memory, Sink sink, boolean force, Options options, PoliteFetcher fetch) {}

    private final Options options;
    private final PoliteFetcher fetch;

    public SiteCrawler(Fetcher fetcher, Options options) {
        this.options = options;
        this.fetch = new PoliteFetcher(fetcher, options.parallel(), options.delay());
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

    /** Whether a page's memo says that a feed carries its post, so the page need not be read for it. */
    static boolean inFeed(Optional<Memo> memo) {
        return memo.map(m -> m.note().startsWith(IN_FEED)).orElse(false);
    }

    /**
     * The id a page's post is indexed under, if its page gave it first (from a sitemap or a built folder): the same
     * post reached another way keeps that id, so it stays one post.
     */
    static Optional<String> postId(Optional<Memo> memo) {
        String note = memo.map(Memo::note).orElse("");
        for (String prefix : new String[] {IN_FEED + " as ", POST}) {
            if (note.startsWith(prefix)) {
                return Optional.of(note.substring(prefix.length()));
            }
        }
        return Optional.empty();
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
        /** Feed entries that may be excerpts, by normalised URL, until their page is read. */
        private final Map<String, FeedEntry> excerpts = new ConcurrentHashMap<>();
        private final AtomicInteger posts = new AtomicInteger();
        private RobotsTxt robots;
        private String title = "";
        private String feedUrl = "";
        private String feedTitle = "";
        private int feedPages;

        Run(URI site, Memory memory, Sink sink, boolean force) {
            this.site = site;
            this.memory = memory;
            this.sink = sink;
            this.force = force;
        }

        Report run() {
            Optional<Memo> before = force ? Optional.empty() : memory.recall(siteKey(site));
            Optional<Fetched> home = fetch.get(site, before.map(Memo::state).orElse(FetchState.NONE), false);
            List<String> remembered = before.map(m -> List.of(m.note().split("\n"))).orElse(List.of());
            String chosen = line(remembered, "feed ");
            title = line(remembered, "title ");
            Optional<FeedPage> first = Optional.empty();
            if (home.isPresent()) {
                Document page = PoliteFetcher.parse(home.get());
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
            Scope scope = new Scope(site, memory, sink, force, options, fetch);
            SitemapCrawl.Outcome pages = new SitemapCrawl(scope, robots(), covered, excerpts, posts, notes,
                    feedTitle.isEmpty() ? title : feedTitle, feedUrl.isEmpty() ? site.toString() : feedUrl).crawl();
            for (FeedEntry e : excerpts.values()) { // their pages gave nothing better
                postFromFeed(e, memory.recall(pageKey(e.url())));
            }
            excerpts.clear();
            boolean complete = pages.complete();
            if (feedUrl.isEmpty() && pages.sitemapsRead() == 0) {
                throw new Fetcher.FetchError("an HTML page, not a feed, and its site has no feed (none linked, none at "
                        + String.join(", ", Discovery.USUAL_FEEDS) + ") and no sitemap");
            }
            String memo = "title " + title + "\nfeed " + feedUrl + "\nfeed-title " + feedTitle;
            if (home.isPresent() && complete) {
                sink.remember(siteKey(site), new Memo(memo, home.get().state()));
            } else if (home.isEmpty() && complete && before.isPresent()) {
                sink.remember(siteKey(site), new Memo(memo, before.get().state()));
            }
            return new Report(title.isEmpty() ? feedTitle : title, feedUrl, posts.get(), feedPages, pages.fetched(),
                    pages.unchanged(), pages.skipped(), pages.left(), pages.failures(), List.copyOf(notes));
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
                if (!robots().allows(candidate)) {
                    if (!usual) {
                        notes.add("feed " + candidate + " left alone: robots.txt disallows it");
                    }
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
                notes.add("feed " + best.fetched().uri() + " (" + PoliteFetcher.kind(best.fetched()) + ", " + bestChars
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
            Set<String> seen = new HashSet<>();
            String stop = null;
            while (stop == null) {
                feedPages++;
                int[] fresh = post(page, seen);
                stop = fresh == null ? "stopped at the limit of " + options.maxPosts() + " posts"
                        : stopAfter(page, fresh[0], fresh[1], firstCrawl);
                if (stop != null) {
                    break;
                }
                try {
                    Optional<FeedPage> read = readFeed(page.next().get(), false);
                    if (read.isEmpty() || read.get().entries().isEmpty()) {
                        stop = "to the end";
                    } else {
                        page = read.get();
                    }
                } catch (Fetcher.FetchError e) {
                    // Engines that page by a parameter answer past the end with 404 or 410.
                    boolean past = e.getMessage().equals("HTTP 404") || e.getMessage().equals("HTTP 410");
                    stop = past ? "to the end" : "stopped: page " + (feedPages + 1) + " failed: " + e.getMessage();
                } catch (FeedReader.FeedError e) {
                    stop = "stopped: page " + (feedPages + 1) + " failed: " + e.getMessage();
                }
            }
            notes.add("feed pages: " + feedPages + " read, " + stop + " (" + (posts.get() + excerpts.size()) + " posts"
                    + (excerpts.isEmpty() ? "" : ", " + excerpts.size() + " of them excerpts") + ")");
        }

        /**
         * Posts the entries of {@code page} not {@code seen} before: how many were new to this crawl and how many
         * new to the index, or null once the site's limit of posts is reached.
         */
        private int[] post(FeedPage page, Set<String> seen) {
            int fresh = 0;
            int newToIndex = 0;
            for (FeedEntry e : page.entries()) {
                if (!seen.add(e.id())) {
                    continue;
                }
                fresh++;
                Optional<Memo> memo = memory.recall(pageKey(e.url()));
                if (memo.isEmpty()) {
                    newToIndex++;
                }
                if (posts.get() >= options.maxPosts()) {
                    return null;
                }
                boolean pageGaveIt = memo.map(m -> m.note().startsWith(POST)).orElse(false);
                if (e.maybeExcerpt() && pageGaveIt) {
                    continue; // the page's whole text stands; the sitemap keeps it up to date
                }
                if (e.maybeExcerpt() && !inFeed(memo)) {
                    excerpts.put(normalize(e.url()), e);
                    continue;
                }
                postFromFeed(e, memo);
            }
            return new int[] {fresh, newToIndex};
        }

        /** Posts a feed's entry, under the id its page gave the post if it did, and notes that the feed has it. */
        private void postFromFeed(FeedEntry e, Optional<Memo> memo) {
            Optional<String> id = postId(memo);
            sink.post(id.isPresent() ? e.withId(id.get()) : e);
            posts.incrementAndGet();
            if (!e.url().isEmpty()) {
                covered.add(normalize(e.url()));
                String note = id.map(i -> IN_FEED + " as " + i).orElse(IN_FEED);
                if (memo.isEmpty() || !memo.get().note().equals(note)) {
                    sink.remember(pageKey(e.url()), new Memo(note, FetchState.NONE));
                }
            }
        }

        /** Why paging stops after {@code page}, or null to read the next page. */
        private String stopAfter(FeedPage page, int fresh, int newToIndex, boolean firstCrawl) {
            if (page.next().isEmpty()) {
                return "to the end";
            }
            if (fresh == 0) {
                return "stopped: page " + feedPages + " repeats earlier posts";
            }
            if (!firstCrawl && newToIndex == 0) {
                return "up to the posts already indexed";
            }
            if (feedPages >= options.maxFeedPages()) {
                return "stopped at the limit of " + options.maxFeedPages() + " feed pages; next was "
                        + page.next().get();
            }
            if (sink.stopping()) {
                return "stopped: the run was cancelled";
            }
            URI next = page.next().get();
            return robots().allows(next) ? null : "stopped: robots.txt disallows " + next;
        }

        /** Reads one feed page, conditionally when {@code conditional}; empty when it has not changed. */
        private Optional<FeedPage> readFeed(URI uri, boolean conditional) {
            FetchState previous = conditional && !force
                    ? memory.recall(uri.toString()).map(Memo::state).orElse(FetchState.NONE) : FetchState.NONE;
            Optional<Fetched> got = fetch.get(uri, previous, true);
            if (got.isEmpty()) {
                return Optional.empty();
            }
            Fetched f = got.get();
            List<FeedEntry> entries = new ArrayList<>();
            PoliteFetcher.BufferedStream in = new PoliteFetcher.BufferedStream(f.bytes());
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

        private RobotsTxt robots() {
            if (robots == null) {
                URI at = Discovery.root(site).resolve("/robots.txt");
                String key = "robots:" + at;
                Optional<Memo> memo = force ? Optional.empty() : memory.recall(key);
                try {
                    Optional<Fetched> got = fetch.get(at, memo.map(Memo::state).orElse(FetchState.NONE), false);
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
                robots.crawlDelay().ifPresent(d -> fetch.atLeast(site, d));
            }
            return robots;
        }

    }

    private static long averageChars(List<FeedEntry> entries) {
        long chars = 0;
        for (FeedEntry e : entries) {
            chars += Math.max(e.content().length(), e.description().length());
        }
        return entries.isEmpty() ? 0 : chars / entries.size();
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse("");
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b == null ? "" : b.strip();
    }

}
