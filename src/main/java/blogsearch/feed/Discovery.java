package blogsearch.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Where a blog's feeds are, from its home page: the {@code <link rel="alternate">} feeds it names (RSS, Atom, JSON
 * Feed; comment feeds left out), else the places blog engines put them.
 */
public final class Discovery {
    /** Where Jekyll, Hugo, WordPress, Ghost, Eleventy and others put their feeds, in order of how often. */
    static final List<String> USUAL_FEEDS = List.of("/feed", "/feed.xml", "/atom.xml", "/index.xml", "/rss",
            "/rss.xml", "/feed.json");
    private static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
            "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml");

    /** A feed a page links to, with its type and title as the page gives them. */
    public record FeedLink(URI uri, String type, String title) {}

    private Discovery() {}

    /** The feeds {@code page} names in its head (or body), in the page's order, without duplicates. */
    public static List<FeedLink> alternates(Document page, URI location) {
        Set<String> seen = new LinkedHashSet<>();
        List<FeedLink> links = new ArrayList<>();
        for (Element link : page.select("link[rel~=(?i)^alternate$][href], link[rel~=(?i)\\balternate\\b][href]")) {
            String type = link.attr("type").strip().toLowerCase(Locale.ROOT).replaceAll(";.*", "");
            if (!FEED_TYPES.contains(type)) {
                continue;
            }
            String title = link.attr("title").strip();
            String href = ItemFields.absolute(link.attr("href"), base(page, location));
            if (href.isEmpty() || comments(title, href) || !seen.add(href)) {
                continue;
            }
            links.add(new FeedLink(URI.create(href), type, title));
        }
        return links;
    }

    /** The usual feed locations on the site's host, to try when the page names none. */
    public static List<URI> usual(URI site) {
        return USUAL_FEEDS.stream().map(site::resolve).toList();
    }

    /** The site's root, where robots.txt and the default sitemap live. */
    public static URI root(URI site) {
        return site.resolve("/");
    }

    private static URI base(Document page, URI location) {
        String base = ItemFields.absolute(page.select("base[href]").attr("href"), location);
        return base.isEmpty() ? location : URI.create(base);
    }

    /** Comment feeds carry replies, not posts. */
    private static boolean comments(String title, String href) {
        String t = title.toLowerCase(Locale.ROOT);
        String h = href.toLowerCase(Locale.ROOT);
        return t.contains("comments") || t.contains("kommentare") || t.contains("commentaires")
                || h.contains("/comments/") || h.contains("comments/feed");
    }
}
