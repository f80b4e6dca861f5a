package blogsearch.bench;

import blogsearch.feed.FeedEntry;
import blogsearch.feed.FeedReader;
import blogsearch.feed.Fetcher;
import blogsearch.feed.SiteCrawler;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crawl and extraction throughput on a generated blog served on loopback, with no delay between requests (2 at a
 * time, as always): pages and posts per second, against the feed pipeline's posts per second on the same posts, and
 * the memory a crawl of the whole site takes.
 */
public final class CrawlBench {
    /** How many posts the generated blog has. */
    public record Options(int pages) {}

    private CrawlBench() {}

    public static void run(Options o, PrintWriter out) {
        out.printf("Generating a blog of %,d posts...%n", o.pages());
        BlogSite site = new BlogSite(o.pages());
        try (BlogSiteServer server = new BlogSiteServer(site);
                Fetcher fetcher = new Fetcher(Fetcher.Options.defaults());
                Memory memory = new Memory()) {
            System.gc();
            memory.reset();
            long baseline = memory.heapPeak();
            AtomicLong chars = new AtomicLong();
            SiteCrawler.Sink sink = new SiteCrawler.Sink() {
                @Override
                public void post(FeedEntry entry) {
                    chars.addAndGet(entry.toPost().text().length()); // cleaning is part of the cost
                }

                @Override
                public void remember(String key, SiteCrawler.Memo memo) {}
            };
            SiteCrawler.Memory nothing = key -> Optional.empty();
            long start = System.nanoTime();
            SiteCrawler.Report report = new SiteCrawler(fetcher, new SiteCrawler.Options(Duration.ZERO, 2, 100_000,
                    o.pages() + 1)).crawl(server.uri("/"), nothing, sink, false);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = memory.heapPeak();
            out.printf("Crawl: %,d requests, %,d pages fetched and extracted, %,d posts (%,d from %d feed pages) "
                    + "in %.1f s%n", server.requests(), report.pagesFetched(), report.posts(),
                    report.posts() - report.pagesFetched(), report.feedPages(), seconds);
            out.printf("  %,.0f pages/s fetched and extracted, %,.0f posts/s in all, %,.0f requests/s%n",
                    report.pagesFetched() / seconds, report.posts() / seconds, server.requests() / seconds);
            out.printf("  heap: %,d MB before (the generated site held in memory), peak %,d MB during the crawl "
                    + "(+%,d MB)%n", baseline >> 20, peak >> 20, (peak - baseline) >> 20);
            for (String note : report.notes()) {
                out.println("  " + note);
            }
            feeds(site, server.base(), out);
        }
    }

    /** The feed pipeline on the same posts: every Atom archive page read and cleaned, in memory. */
    private static void feeds(BlogSite site, String base, PrintWriter out) {
        Map<String, BlogSite.Page> pages = site.render(base);
        long start = System.nanoTime();
        long posts = 0;
        for (Map.Entry<String, BlogSite.Page> e : pages.entrySet()) {
            if (e.getKey().equals("/atom.xml") || e.getKey().startsWith("/archive/atom-")) {
                long[] n = {0};
                FeedReader.read(new ByteArrayInputStream(e.getValue().bytes()), null, URI.create(base + e.getKey()),
                        entry -> {
                            entry.toPost();
                            n[0]++;
                        });
                posts += n[0];
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("Feed pipeline on the same posts (Atom pages in memory, read and cleaned): %,d posts in %.1f s, "
                + "%,.0f posts/s%n", posts, seconds, posts / seconds);
    }
}
