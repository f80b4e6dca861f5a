package blogsearch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A generated blog, the same every time: posts in three page templates (a Jekyll-like h-entry page; a WordPress-like
 * page with JSON-LD, a sidebar, share buttons and comments; a plain page with meta tags only), a home page naming a
 * summaries RSS feed and a full-content JSON Feed, paged feeds (JSON Feed next_url, Atom RFC 5005 archives,
 * WordPress ?paged=N, Blogger start-index), a sitemap index (one part gzipped) with lastmod, robots.txt disallowing
 * /private/, a second home page naming a disallowed feed and the summaries feed ({@code /alt/}), and tag, archive,
 * pagination and about pages. It is served on loopback ({@link BlogSiteServer}) or written as a built folder.
 *
 * <p>Words that only navigation, sidebars, comments, share buttons and footers use ({@link #BOILERPLATE_WORDS}) let
 * a test check that none of them reaches a post's text.
 */
public final class BlogSite {
    /** Posts in the feeds' first page; the JSON Feed's archive holds {@link #FEED_ARCHIVE} posts in all. */
    public static final int FEED_PAGE = 10;
    public static final int FEED_ARCHIVE = 100;
    public static final List<String> BOILERPLATE_WORDS = List.of("navword", "sidebarword", "commentword", "shareword",
            "footerword", "headerword");
    public static final List<String> AUTHORS = List.of("Ada Lovelace", "Grace Hopper", "Edsger Dijkstra");
    public static final List<String> TAGS = List.of("java", "search", "lucene", "feeds", "web", "crawling", "html",
            "testing");
    private static final Instant FIRST = Instant.parse("2020-01-01T09:30:00Z");
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "ze", "an", "el", "or"};

    /** One generated post. */
    public record Post(int n, String slug, String title, String author, Instant published, List<String> tags,
            int template, String body) {
        public String path() {
            return "/posts/" + slug + "/";
        }
    }

    /** A served page's type and bytes. */
    public record Page(String type, byte[] bytes) {}

    private final int count;
    private final List<Post> posts = new ArrayList<>();

    public BlogSite(int posts) {
        this.count = posts;
        for (int i = 0; i < posts; i++) {
            this.posts.add(post(i));
        }
    }

    /** Posts, oldest first. */
    public List<Post> posts() {
        return posts;
    }

    /** The newest first, as feeds list them. */
    private List<Post> newest() {
        return posts.reversed();
    }

    private static Post post(int i) {
        String word = word(i * 7 + 3);
        String slug = "post-" + i + "-" + word;
        String title = "Post " + i + ": on " + word + " and " + word(i * 11 + 5);
        List<String> tags = List.of(TAGS.get(i % TAGS.size()), TAGS.get((i * 3 + 1) % TAGS.size())).stream()
                .distinct().toList();
        StringBuilder body = new StringBuilder();
        for (int p = 0; p < 4; p++) {
            body.append("<p>");
            for (int w = 0; w < 60; w++) {
                body.append(word(i * 131 + p * 61 + w)).append(w % 12 == 11 ? ". " : " ");
            }
            body.append("marker").append(i).append("x</p>\n");
        }
        return new Post(i, slug, title, AUTHORS.get(i % AUTHORS.size()), FIRST.plus(i, ChronoUnit.DAYS), tags,
                i % 3, body.toString());
    }

    private static String word(int seed) {
        int s = (int) Math.floorMod(seed * 2654435761L, 1L << 24);
        StringBuilder w = new StringBuilder();
        for (int k = 0; k < 2 + s % 3; k++) {
            w.append(SYLLABLES[(s >> (k * 4)) % SYLLABLES.length]);
        }
        return w.toString();
    }

    /** Every page of the site with its links on {@code base} ("http://127.0.0.1:1234"), by path. */
    public Map<String, Page> render(String base) {
        Map<String, Page> site = new LinkedHashMap<>();
        site.put("/", html(home(base)));
        for (Post p : posts) {
            site.put(p.path(), html(postPage(p, base)));
        }
        site.put("/private/secret-post/", html(postPage(new Post(-1, "secret", "Secret post", AUTHORS.get(0),
                FIRST, List.of(), 0, "<p>private words</p>"), base).replace("/posts/secret/", "/private/secret-post/")));
        site.put("/about/", html(layout(base, "About", "<meta property=\"og:type\" content=\"website\">",
                "<main><h1>About</h1><p>This blog is generated for tests of blogsearch.</p></main>")));
        for (String tag : TAGS) {
            site.put("/tags/" + tag + "/", html(list(base, "Tagged " + tag,
                    posts.stream().filter(p -> p.tags().contains(tag)).toList())));
        }
        site.put("/archive/2020/", html(list(base, "2020", posts.stream().limit(50).toList())));
        site.put("/page/2/", html(list(base, "Page 2", newest().subList(FEED_PAGE, Math.min(count, 2 * FEED_PAGE)))));
        site.put("/robots.txt", new Page("text/plain", ("User-agent: *\nDisallow: /private/\n\nSitemap: " + base
                + "/sitemap_index.xml\n").getBytes(StandardCharsets.UTF_8)));
        site.put("/feed.xml", xml("application/rss+xml", rss(base)));
        // Another home page: it names a feed robots.txt disallows, then the summaries feed alone.
        site.put("/alt/", html(layout(base, "Generated blog", "<link rel=\"alternate\" type=\"application/feed+json\" "
                + "href=\"/private/feed.json\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">",
                "<main></main>")));
        for (int page = 1; page * FEED_PAGE <= Math.min(count, FEED_ARCHIVE) || page == 1; page++) {
            site.put(page == 1 ? "/feed.json" : "/feed/page" + page + ".json",
                    new Page("application/feed+json", jsonFeed(base, page).getBytes(StandardCharsets.UTF_8)));
        }
        site.put("/private/feed.json", site.get("/feed.json"));
        int pages = Math.max(1, (count + FEED_PAGE - 1) / FEED_PAGE);
        for (int page = 1; page <= pages; page++) {
            site.put(page == 1 ? "/atom.xml" : "/archive/atom-" + page + ".xml",
                    xml("application/atom+xml", atom(base, page, pages)));
            site.put("/wp/feed/" + (page == 1 ? "" : "?paged=" + page), xml("application/rss+xml",
                    rssPage(base, page, "<generator>https://wordpress.org/?v=6.5</generator>")));
            site.put("/feeds/posts/default" + (page == 1 ? "" : "?start-index=" + ((page - 1) * FEED_PAGE + 1)),
                    xml("application/atom+xml", blogger(base, page)));
        }
        int half = count / 2;
        site.put("/sitemap_index.xml", xml("application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + sitemapRef(base + "/sitemap-posts-1.xml") + sitemapRef(base + "/sitemap-posts-2.xml.gz")
                + sitemapRef(base + "/sitemap-pages.xml") + "</sitemapindex>\n"));
        site.put("/sitemap-posts-1.xml", xml("application/xml", urlset(base, posts.subList(0, half))));
        site.put("/sitemap-posts-2.xml.gz", new Page("application/gzip",
                gzip(urlset(base, posts.subList(half, count)))));
        StringBuilder other = new StringBuilder();
        for (String path : site.keySet()) {
            if (path.endsWith("/") && !path.startsWith("/posts/") && !feedsOnly(path)) {
                other.append("<url><loc>").append(base).append(path).append("</loc></url>\n");
            }
        }
        site.put("/sitemap-pages.xml", xml("application/xml", "<?xml version=\"1.0\"?>\n<urlset xmlns=\""
                + "http://www.sitemaps.org/schemas/sitemap/0.9\">\n" + other + "</urlset>\n"));
        return site;
    }

    /** Writes the site's pages as a built site (posts/x/index.html...) into {@code folder}; feeds are left out. */
    public void write(Path folder, String base) {
        try {
            for (Map.Entry<String, Page> e : render(base).entrySet()) {
                String path = e.getKey();
                if (!path.endsWith("/") || path.startsWith("/private/") || feedsOnly(path)) {
                    continue;
                }
                Path file = folder.resolve(path.substring(1) + "index.html");
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue().bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths that only serve other ways to reach the blog's feeds: no sitemap lists them, no built site has them. */
    private static boolean feedsOnly(String path) {
        return path.startsWith("/wp/") || path.startsWith("/alt/");
    }

    private String home(String base) {
        StringBuilder list = new StringBuilder();
        for (Post p : newest().subList(0, Math.min(FEED_PAGE, count))) {
            list.append("<article class=\"h-entry\"><h2><a class=\"p-name u-url\" href=\"").append(p.path())
                    .append("\">").append(esc(p.title())).append("</a></h2><time class=\"dt-published\" datetime=\"")
                    .append(p.published()).append("\"></time></article>\n");
        }
        return layout(base, "Generated blog", """
                <link rel="alternate" type="application/rss+xml" title="Generated blog (summaries)" href="/feed.xml">
                <link rel="alternate" type="application/feed+json" title="Generated blog" href="/feed.json">
                <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed.xml">
                <meta property="og:site_name" content="Generated blog">""", "<main>" + list + "</main>");
    }

    private String list(String base, String title, List<Post> listed) {
        StringBuilder out = new StringBuilder("<main><h1>" + esc(title) + "</h1>");
        for (Post p : listed) {
            out.append("<article><h2><a href=\"").append(p.path()).append("\">").append(esc(p.title()))
                    .append("</a></h2><time datetime=\"").append(p.published()).append("\"></time></article>\n");
        }
        return layout(base, title, "", out.append("</main>").toString());
    }

    private String postPage(Post p, String base) {
        String canonical = base + p.path();
        String tagLinks = String.join(" ", p.tags().stream()
                .map(t -> "<a rel=\"tag\" href=\"/tags/" + t + "/\">" + t + "</a>").toList());
        String head = "<link rel=\"canonical\" href=\"" + canonical + "\">\n<meta property=\"og:site_name\" "
                + "content=\"Generated blog\">\n";
        return switch (p.template()) {
            case 0 -> layout(base, p.title(), head + "<meta property=\"og:type\" content=\"article\">",
                    "<article class=\"post h-entry\"><header class=\"post-header\"><h1 class=\"p-name\">"
                    + esc(p.title()) + "</h1><p class=\"post-meta\"><time class=\"dt-published\" datetime=\""
                    + p.published() + "\">" + p.published().toString().substring(0, 10) + "</time> by <span "
                    + "class=\"p-author h-card\"><span class=\"p-name\">" + esc(p.author()) + "</span></span></p>"
                    + "</header><div class=\"e-content\">" + p.body() + "</div>"
                    + String.join("", p.tags().stream().map(t -> "<a class=\"p-category\" href=\"/tags/" + t
                            + "/\">" + t + "</a>").toList())
                    + "<div class=\"share-buttons\">shareword</div></article>");
            case 1 -> layout(base, p.title() + " – Generated blog", head + "<script type=\"application/ld+json\">"
                    + "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Generated "
                    + "blog\"},{\"@type\":\"BlogPosting\",\"headline\":\"" + p.title() + "\",\"datePublished\":\""
                    + p.published() + "\",\"author\":{\"@type\":\"Person\",\"name\":\"" + p.author()
                    + "\"},\"keywords\":\"" + String.join(", ", p.tags()) + "\"}]}</script>",
                    "<div id=\"primary\" class=\"content-area\"><article id=\"post-" + p.n() + "\" class=\"post\">"
                    + "<header class=\"entry-header\"><h1 class=\"entry-title\">" + esc(p.title()) + "</h1></header>"
                    + "<div class=\"entry-content\">" + p.body() + "<div class=\"sharedaddy sd-sharing\">"
                    + "<h3>Share this:</h3>shareword</div></div><footer class=\"entry-footer\">" + tagLinks
                    + "</footer></article><div id=\"comments\" class=\"comments-area\"><h2>2 comments</h2>"
                    + "<ol class=\"comment-list\"><li>commentword nice post</li><li>commentword thanks</li></ol>"
                    + "</div></div><aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\">"
                    + "sidebarword recent posts</section></aside>");
            default -> layout(base, p.title(), head + "<meta property=\"og:type\" content=\"article\">"
                    + "<meta property=\"article:published_time\" content=\"" + p.published() + "\">"
                    + "<meta name=\"author\" content=\"" + esc(p.author()) + "\">" + String.join("", p.tags()
                            .stream().map(t -> "<meta property=\"article:tag\" content=\"" + t + "\">").toList()),
                    "<div id=\"wrap\"><div class=\"sidebar\"><p>sidebarword about me, sidebarword links, and a "
                    + "sidebarword blogroll of friends</p></div><div id=\"content\"><h1>" + esc(p.title()) + "</h1>"
                    + p.body() + "</div></div>");
        };
    }

    private static String layout(String base, String title, String head, String main) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + head + "\n</head><body><header class=\"site-header\"><a href=\"/\">headerword Generated blog</a>"
                + "</header><nav><a href=\"/about/\">navword About</a> <a href=\"/archive/2020/\">navword Archive</a>"
                + "</nav>\n" + main + "\n<footer>footerword © generated, " + esc(base) + "</footer></body></html>\n";
    }

    private String rss(String base) {
        StringBuilder items = new StringBuilder();
        for (Post p : newest().subList(0, Math.min(FEED_PAGE, count))) {
            items.append("<item><title>").append(esc(p.title())).append("</title><link>").append(base)
                    .append(p.path()).append("</link><guid>").append(base).append(p.path()).append("</guid><pubDate>")
                    .append(rfc822(p.published())).append("</pubDate><description>")
                    .append(esc(summary(p))).append("</description></item>\n");
        }
        return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Generated blog</title><link>" + base
                + "/</link><language>en</language>\n" + items + "</channel></rss>\n";
    }

    private String rssPage(String base, int page, String extra) {
        StringBuilder items = new StringBuilder();
        for (Post p : slice(page)) {
            items.append("<item><title>").append(esc(p.title())).append("</title><link>").append(base)
                    .append(p.path()).append("</link><guid isPermaLink=\"false\">").append(base).append("/?p=")
                    .append(p.n()).append("</guid><pubDate>").append(rfc822(p.published()))
                    .append("</pubDate><dc:creator>").append(esc(p.author())).append("</dc:creator>")
                    .append(categories(p)).append("<content:encoded>").append(esc(p.body()))
                    .append("</content:encoded></item>\n");
        }
        return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/"
                + "content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Generated blog</title>"
                + "<link>" + base + "/</link><language>en</language>" + extra + "\n" + items + "</channel></rss>\n";
    }

    private String atom(String base, int page, int pages) {
        String archive = page < pages ? "<link rel=\"prev-archive\" href=\"" + base + "/archive/atom-" + (page + 1)
                + ".xml\"/>" : "";
        return "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"><title>Generated blog</title>"
                + "<id>" + base + "/</id><link href=\"" + base + "/\"/>" + archive + "<updated>2024-01-01T00:00:00Z"
                + "</updated>\n" + entries(base, page) + "</feed>\n";
    }

    private String blogger(String base, int page) {
        return "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\" xmlns:openSearch=\"http://a9."
                + "com/-/spec/opensearchrss/1.0/\"><title>Generated blog</title><id>" + base + "/</id>"
                + "<generator version=\"7.00\" uri=\"http://www.blogger.com\">Blogger</generator>"
                + "<openSearch:totalResults>" + count + "</openSearch:totalResults><openSearch:startIndex>"
                + ((page - 1) * FEED_PAGE + 1) + "</openSearch:startIndex><openSearch:itemsPerPage>" + FEED_PAGE
                + "</openSearch:itemsPerPage><updated>2024-01-01T00:00:00Z</updated>\n" + entries(base, page)
                + "</feed>\n";
    }

    private String entries(String base, int page) {
        StringBuilder out = new StringBuilder();
        for (Post p : slice(page)) {
            out.append("<entry><title>").append(esc(p.title())).append("</title><id>").append(base).append(p.path())
                    .append("</id><link rel=\"alternate\" href=\"").append(base).append(p.path())
                    .append("\"/><published>").append(p.published()).append("</published><updated>")
                    .append(p.published()).append("</updated><author><name>").append(esc(p.author()))
                    .append("</name></author>");
            p.tags().forEach(t -> out.append("<category term=\"").append(t).append("\"/>"));
            out.append("<content type=\"html\">").append(esc(p.body())).append("</content></entry>\n");
        }
        return out.toString();
    }

    private String jsonFeed(String base, int page) {
        StringBuilder items = new StringBuilder();
        for (Post p : slice(page)) {
            if (!items.isEmpty()) {
                items.append(",\n");
            }
            items.append("{\"id\":\"").append(base).append(p.path()).append("\",\"url\":\"").append(base)
                    .append(p.path()).append("\",\"title\":").append(json(p.title())).append(",\"content_html\":")
                    .append(json(p.body())).append(",\"date_published\":\"").append(p.published())
                    .append("\",\"authors\":[{\"name\":").append(json(p.author())).append("}],\"tags\":[")
                    .append(String.join(",", p.tags().stream().map(BlogSite::json).toList())).append("]}");
        }
        boolean more = page * FEED_PAGE < Math.min(count, FEED_ARCHIVE);
        return "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Generated blog\",\"home_page_url\":\""
                + base + "/\",\"feed_url\":\"" + base + "/feed.json\",\"language\":\"en\""
                + (more ? ",\"next_url\":\"" + base + "/feed/page" + (page + 1) + ".json\"" : "")
                + ",\"items\":[\n" + items + "]}\n";
    }

    private List<Post> slice(int page) {
        List<Post> newest = newest();
        int from = Math.min(newest.size(), (page - 1) * FEED_PAGE);
        return newest.subList(from, Math.min(newest.size(), from + FEED_PAGE));
    }

    private static String categories(Post p) {
        return String.join("", p.tags().stream().map(t -> "<category>" + t + "</category>").toList());
    }

    private static String summary(Post p) {
        String text = p.body().replaceAll("<[^>]+>", " ").strip();
        return text.substring(0, Math.min(120, text.length()));
    }

    private static String urlset(String base, List<Post> listed) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/"
                + "schemas/sitemap/0.9\">\n");
        for (Post p : listed) {
            out.append("<url><loc>").append(base).append(p.path()).append("</loc><lastmod>")
                    .append(p.published().toString(), 0, 10).append("</lastmod></url>\n");
        }
        return out.append("</urlset>\n").toString();
    }

    private static String sitemapRef(String loc) {
        return "<sitemap><loc>" + loc + "</loc><lastmod>2024-01-01</lastmod></sitemap>\n";
    }

    private static String rfc822(Instant t) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(java.time.ZoneOffset.UTC));
    }

    static Page html(String s) {
        return new Page("text/html; charset=utf-8", s.getBytes(StandardCharsets.UTF_8));
    }

    private static Page xml(String type, String s) {
        return new Page(type, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
