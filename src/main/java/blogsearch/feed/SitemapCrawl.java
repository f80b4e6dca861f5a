package blogsearch.feed;

import static blogsearch.feed.SiteCrawler.IN_FEED;
import static blogsearch.feed.SiteCrawler.POST;
import static blogsearch.feed.SiteCrawler.inFeed;
import static blogsearch.feed.SiteCrawler.normalize;
import static blogsearch.feed.SiteCrawler.pageKey;

import blogsearch.feed.PoliteFetcher.Fetched;
import blogsearch.feed.SiteCrawler.Memo;
import java.io.ByteArrayInputStream;
import java.net.URI;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;

/**
 * The pages a site's sitemaps list, crawled after its feed: the sitemaps read (nested ones too), then each page
 * fetched and read by {@link ArticleExtractor}, unless the feed carried it, robots.txt disallows it, its address says
 * it is no post, or its sitemap {@code lastmod} is no newer than last time.
 */
final class SitemapCrawl {
    /** Sitemaps nested deeper than this (an index of indexes of...) are not read. */
    static final int MAX_SITEMAP_DEPTH = 3;
    static final int MAX_SITEMAPS = 1_000;

    /**
     * What the crawl did: sitemaps read, whether nothing was left undone, and its pages fetched, unchanged,
     * skipped, left for the next run and failed.
     */
    record Outcome(int sitemapsRead, boolean complete, int fetched, int unchanged, int skipped, int left,
            int failures) {}

    private final URI site;
    private final SiteCrawler.Memory memory;
    private final SiteCrawler.Sink sink;
    private final boolean force;
    private final SiteCrawler.Options options;
    private final PoliteFetcher fetch;
    private final RobotsTxt robots;
    private final Set<String> covered;
    private final Map<String, FeedEntry> excerpts;
    private final AtomicInteger whole = new AtomicInteger();
    private final AtomicInteger posts;
    private final List<String> notes;
    private final String entryTitle;
    private final String entryFeed;
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> failed = Collections.synchronizedList(new ArrayList<>());
    private int left;
    private int found;
    private int sitemapsRead;

    /**
     * The sitemap crawl of {@code scope}'s site under {@code robots}: pages in {@code covered} came in the feed;
     * those of {@code excerpts} came as excerpts and are read too, the page taking the entry's place when its text is
     * clearly longer; {@code posts} counts the site's posts so far; pages become entries of the feed {@code entryTitle} at
     * {@code entryFeed}; what happened goes to {@code notes}.
     */
    SitemapCrawl(SiteCrawler.Scope scope, RobotsTxt robots, Set<String> covered, Map<String, FeedEntry> excerpts,
            AtomicInteger posts, List<String> notes, String entryTitle, String entryFeed) {
        this.site = scope.site();
        this.memory = scope.memory();
        this.sink = scope.sink();
        this.force = scope.force();
        this.options = scope.options();
        this.fetch = scope.fetch();
        this.robots = robots;
        this.covered = covered;
        this.excerpts = excerpts;
        this.posts = posts;
        this.notes = notes;
        this.entryTitle = entryTitle;
        this.entryFeed = entryFeed;
    }

    /** Reads the sitemaps, crawls the pages they list, and notes what was skipped and what failed. */
    Outcome crawl() {
        boolean complete = crawlSitemaps();
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
        return new Outcome(sitemapsRead, complete, fetched.get(), unchanged.get(), skippedTotal, left, failures.get());
    }

    /** Reads the sitemaps and crawls the pages they list; true if nothing was left undone. */
    private boolean crawlSitemaps() {
        List<String> named = robots.sitemaps();
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
            if (!robots.allows(uri)) {
                continue;
            }
            sitemaps++;
            try {
                FetchState previous = force ? FetchState.NONE
                        : memory.recall(uri.toString()).map(Memo::state).orElse(FetchState.NONE);
                Optional<Fetched> got = fetch.get(uri, previous, true);
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
        int listed = pages.size();
        for (FeedEntry e : excerpts.values()) {
            URI page;
            try {
                page = URI.create(e.url());
            } catch (IllegalArgumentException bad) {
                continue; // an address no request can be made to: the feed's excerpt stands
            }
            if (Discovery.root(page).equals(Discovery.root(site))) { // a feed may link through another host
                pages.putIfAbsent(normalize(e.url()), new SitemapReader.Entry(page, Optional.empty()));
            }
        }
        if (pages.isEmpty()) {
            return complete;
        }
        found = pages.size();
        complete &= crawlPages(new ArrayList<>(pages.values()));
        if (sitemaps > 0) {
            notes.add("sitemaps: " + sitemaps + " read" + (sitemapsUnchanged > 0 ? ", " + sitemapsUnchanged
                    + " unchanged" : "") + "; " + listed + " pages listed, " + fetched.get() + " fetched, "
                    + unchanged.get() + " unchanged" + (left > 0 ? ", " + left + " left for the next run" : ""));
        }
        if (whole.get() > 0) {
            notes.add(whole.get() + " posts the feed carries as excerpts read whole from their pages");
        }
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
            if (covered.contains(norm) || inFeed(memo)) {
                skip(IN_FEED);
            } else if (byUrl.isPresent()) {
                skip(byUrl.get());
            } else if (!robots.allows(e.loc())) {
                skip("disallowed by robots.txt");
            } else if (memo.isPresent() && e.lastmod().isPresent()
                    && memo.get().state().modifiedMillis() >= e.lastmod().get().toEpochMilli()) {
                unchanged.incrementAndGet();
            } else {
                todo.add(e);
            }
        }
        AtomicInteger remaining = new AtomicInteger(todo.size());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, options.parallel()),
                Thread.ofPlatform().name("crawl").daemon().factory());
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
            got = fetch.get(e.loc(), previous, true);
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
        Document doc = PoliteFetcher.parse(f);
        Article article = ArticleExtractor.extract(doc, f.uri());
        if (!article.isPost()) {
            skip(article.notAPost().get());
            sink.remember(key, new Memo("skipped: " + article.notAPost().get(), state));
            return;
        }
        String norm = normalize(e.loc().toString());
        FeedEntry excerpt = excerpts.getOrDefault(norm, excerpts.get(normalize(article.url())));
        boolean pageFuller = excerpt != null
                && HtmlText.fromHtml(article.html()).length() > excerpt.textLength() * 5 / 4 + 100;
        if (excerpt != null && !pageFuller) {
            sink.remember(key, new Memo(IN_FEED, state)); // the feed's text is the whole post: posted from the feed
            return;
        }
        boolean fromFeed = covered.contains(normalize(article.url()))
                || inFeed(memory.recall(pageKey(article.url())));
        if (excerpt == null && fromFeed) {
            skip(IN_FEED);
            sink.remember(key, new Memo(IN_FEED, state));
            return;
        }
        if (posts.incrementAndGet() > options.maxPosts()) {
            posts.decrementAndGet();
            left++;
            return;
        }
        FeedEntry entry;
        if (excerpt != null) {
            excerpts.remove(normalize(excerpt.url()));
            whole.incrementAndGet();
            entry = excerpt.withPage(article);
        } else {
            entry = article.toEntry(entryTitle, entryFeed);
            Optional<String> earlier = SiteCrawler.postId(memory.recall(key));
            entry = earlier.isPresent() ? entry.withId(earlier.get()) : entry;
        }
        sink.post(entry);
        sink.remember(key, new Memo(POST + entry.id(), state));
        if (excerpt != null && !pageKey(excerpt.url()).equals(key)) { // the feed looks its post up by its own link
            sink.remember(pageKey(excerpt.url()), new Memo(POST + entry.id(), state));
        }
    }

    private void skip(String reason) {
        synchronized (skipped) {
            skipped.merge(reason, 1, Integer::sum);
        }
    }
}
