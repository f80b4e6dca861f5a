package blogsearch.feed;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Finds the post in a blog's web page, as a feed would have carried it. Metadata comes from JSON-LD (BlogPosting,
 * Article, NewsArticle, also inside an {@code @graph}), OpenGraph and {@code article:*} meta tags, microformats
 * h-entry, {@code <link rel="canonical">} and {@code <html lang>}, in that order of trust. The text comes from the
 * article itself (h-entry's e-content, {@code itemprop=articleBody}, {@code <article>}, {@code <main>}, else the
 * block with the most paragraph text), without navigation, headers, footers, sidebars, comments and share buttons.
 * Pages that are not posts (the home page, tag and category lists, archives, pagination, pages with no date and no
 * article markup) are recognised and say why.
 */
public final class ArticleExtractor {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Set<String> ARTICLE_TYPES = Set.of("blogposting", "article", "newsarticle", "techarticle",
            "scholarlyarticle", "socialmediaposting", "report", "liveblogposting");
    private static final Pattern TAG_PATH = Pattern.compile(
            "(?i).*/(tags?|category|categories|topics?|labels?|search/label)(/.*)?");
    private static final Pattern ARCHIVE_PATH = Pattern.compile(
            "(?i).*/(archives?|authors?)(/.*)?|/\\d{4}(/\\d{1,2}){0,2}/?(index\\.html?)?");
    private static final Pattern PAGE_PATH = Pattern.compile("(?i).*/page/?\\d+/?(index\\.html?)?");
    private static final Pattern PAGE_QUERY = Pattern.compile("(?i)(^|&)(paged?|start-index|p)=\\d+(&|$)");
    private static final Pattern HOME_PATH = Pattern.compile("(?i)/?(index\\.(html?|php))?");
    /** Class and id words of boilerplate inside an article: comments, sharing, sidebars, navigation, bylines. */
    private static final Pattern BOILERPLATE = Pattern.compile("(?i)(^|[-_\\s])(comments?|respond|share|sharing|"
            + "social|sidebar|related|newsletter|subscribe|breadcrumbs?|pagination|nav|navigation|navbar|menu|"
            + "widgets?|footer|header|byline|meta|tags|author-bio|advert|ads|promo|toc-nav)([-_\\s]|$)");
    private static final String BOILERPLATE_TAGS = "nav, header, footer, aside, form, script, style, noscript, "
            + "button, template, iframe, [role=navigation], [role=complementary], [role=banner], "
            + "[role=contentinfo], [hidden], [aria-hidden=true]";

    private ArticleExtractor() {}

    /** Reasons a page is skipped without even being fetched, from its URL alone; empty if it may be a post. */
    public static Optional<String> skipByUrl(URI page) {
        String path = page.getPath() == null ? "" : page.getPath();
        String query = page.getRawQuery() == null ? "" : page.getRawQuery();
        if (PAGE_QUERY.matcher(query).find() && !query.matches("(?i)p=\\d+")) {
            return Optional.of("pagination");
        }
        if (HOME_PATH.matcher(path).matches() && (query.isEmpty())) {
            return Optional.of("home page");
        }
        if (PAGE_PATH.matcher(path).matches()) {
            return Optional.of("pagination");
        }
        if (TAG_PATH.matcher(path).matches()) {
            return Optional.of("tag or category list");
        }
        if (ARCHIVE_PATH.matcher(path).matches()) {
            return Optional.of("archive");
        }
        return Optional.empty();
    }

    /** Parses the HTML of the page at {@code location} and finds its post. */
    public static Article extract(String html, URI location) {
        return extract(Jsoup.parse(html, location.toString()), location);
    }

    /** Finds the post in a parsed page served at {@code location}. */
    public static Article extract(Document doc, URI location) {
        String canonical = ItemFields.absolute(doc.select("link[rel=canonical]").attr("href"), location);
        JsonNode ld = jsonLd(doc);
        if (canonical.isEmpty() && ld != null) {
            canonical = ItemFields.absolute(text(ld, "url"), location);
        }
        String url = canonical.isEmpty() ? location.toString() : canonical;
        // A file's path says where the folder is, not what the page is: its caller judges the path in the site.
        Optional<String> byUrl = url.startsWith("file:") ? Optional.empty() : skipByUrl(URI.create(url));
        if (byUrl.isPresent()) {
            return Article.skipped(url, byUrl.get());
        }
        Elements entries = doc.select(".h-entry, article");
        Element hentry = doc.selectFirst(".h-entry");
        if (doc.select("article").size() > 1 || doc.select(".h-entry").size() > 1) {
            if (ld == null) {
                return Article.skipped(url, "a list of posts");
            }
        }
        String ogType = meta(doc, "og:type").toLowerCase(Locale.ROOT);
        Optional<Instant> published = date(ld, "datePublished")
                .or(() -> IsoDates.parse(meta(doc, "article:published_time")))
                .or(() -> hentry == null ? Optional.empty() : IsoDates.parse(timeOf(hentry.selectFirst(".dt-published"))))
                .or(() -> IsoDates.parse(timeOf(doc.selectFirst("article time[datetime], main time[datetime]"))));
        Optional<Instant> updated = date(ld, "dateModified")
                .or(() -> IsoDates.parse(meta(doc, "article:modified_time")))
                .or(() -> hentry == null ? Optional.empty() : IsoDates.parse(timeOf(hentry.selectFirst(".dt-updated"))));
        boolean marked = ld != null || ogType.equals("article") || hentry != null
                || !meta(doc, "article:published_time").isEmpty();
        if (!marked && published.isEmpty()) {
            return Article.skipped(url, entries.isEmpty() ? "not an article (no date or article markup)"
                    : "not an article (no date)");
        }
        Element body = body(doc, hentry);
        String title = first(ld == null ? "" : text(ld, "headline"),
                hentry == null ? "" : textOf(hentry.selectFirst(".p-name")),
                meta(doc, "og:title"), textOf(doc.selectFirst("article h1, main h1, h1")), doc.title());
        String author = first(ld == null ? "" : person(ld.get("author")),
                hentry == null ? "" : textOf(hentry.selectFirst(".p-author .p-name, .p-author")),
                meta(doc, "author"), nameOnly(meta(doc, "article:author")));
        List<String> tags = tags(doc, ld, hentry, body);
        String language = language(doc, ld);
        String siteName = first(meta(doc, "og:site_name"), ld == null ? "" : person(ld.get("publisher")));
        String description = first(meta(doc, "description"), meta(doc, "og:description"),
                ld == null ? "" : text(ld, "description"));
        return new Article(url, HtmlText.title(title, false), HtmlText.title(author, false), published, updated,
                ItemFields.tags(tags), language, HtmlText.title(siteName, false), description,
                clean(body).html(), Optional.empty());
    }

    /** The post's tags: JSON-LD keywords, article:tag metas, h-entry categories, else the body's rel=tag links. */
    private static List<String> tags(Document doc, JsonNode ld, Element hentry, Element body) {
        List<String> tags = new ArrayList<>();
        if (ld != null) {
            JsonNode k = ld.get("keywords");
            if (k != null && k.isArray()) {
                k.forEach(t -> tags.add(t.asText("")));
            } else if (k != null) {
                for (String t : k.asText("").split(",")) {
                    tags.add(t.strip());
                }
            }
        }
        doc.select("meta[property=article:tag]").forEach(m -> tags.add(m.attr("content")));
        if (hentry != null) {
            hentry.select(".p-category").forEach(c -> tags.add(c.text()));
        }
        if (tags.isEmpty()) {
            body.select("a[rel~=(?i)\\btag\\b]").forEach(a -> tags.add(a.text()));
        }
        return tags;
    }

    /** The page's language tag, lower-cased, if it is a well-formed one. */
    private static String language(Document doc, JsonNode ld) {
        String language = first(doc.select("html").attr("lang"), ld == null ? "" : text(ld, "inLanguage"),
                meta(doc, "og:locale")).toLowerCase(Locale.ROOT).replace('_', '-');
        return language.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*") ? language : "";
    }

    /** The element holding the article's text. */
    private static Element body(Document doc, Element hentry) {
        Element found = hentry == null ? null : hentry.selectFirst(".e-content");
        if (found == null) {
            found = doc.selectFirst("[itemprop=articleBody]");
        }
        if (found == null) {
            Elements articles = doc.select("article");
            found = articles.stream().max((a, b) -> Integer.compare(a.text().length(), b.text().length()))
                    .orElse(null);
        }
        if (found == null) {
            found = doc.selectFirst("main, [role=main]");
        }
        return found != null ? found : densest(doc);
    }

    /** The block whose own paragraphs hold the most text: where a page without article markup keeps its prose. */
    private static Element densest(Document doc) {
        Element best = doc.body();
        int bestScore = 0;
        for (Element e : doc.body().select("div, section, td")) {
            int score = 0;
            for (Element child : e.children()) {
                if (child.nameIs("p") || child.nameIs("pre") || child.nameIs("blockquote")) {
                    score += child.text().length();
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = e;
            }
        }
        return best;
    }

    /** A copy of the article without its boilerplate. */
    private static Element clean(Element body) {
        Element copy = body.clone();
        copy.select(BOILERPLATE_TAGS).remove();
        for (Element e : copy.select("[class], [id]")) {
            if (e != copy && BOILERPLATE.matcher(e.className() + " " + e.id()).find()
                    && !e.className().contains("e-content")) {
                e.remove();
            }
        }
        return copy;
    }

    /** The first JSON-LD object of an article type, looking inside arrays and {@code @graph}. */
    private static JsonNode jsonLd(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                JsonNode found = articleNode(JSON.readTree(script.data()), 0);
                if (found != null) {
                    return found;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // broken JSON-LD is common; the other metadata still counts
            }
        }
        return null;
    }

    private static JsonNode articleNode(JsonNode node, int depth) {
        if (node == null || depth > 4) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                JsonNode found = articleNode(n, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        JsonNode type = node.get("@type");
        List<String> types = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText("")));
        } else if (type != null) {
            types.add(type.asText(""));
        }
        for (String t : types) {
            if (ARTICLE_TYPES.contains(t.toLowerCase(Locale.ROOT))) {
                return node;
            }
        }
        return articleNode(node.get("@graph"), depth + 1);
    }

    private static Optional<Instant> date(JsonNode ld, String field) {
        return ld == null ? Optional.empty() : IsoDates.parse(text(ld, field));
    }

    /** A person or organisation as JSON-LD writes it: a name, an object with a name, or a list of those. */
    private static String person(JsonNode node) {
        if (node == null) {
            return "";
        }
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            node.forEach(n -> {
                String name = person(n);
                if (!name.isBlank()) {
                    names.add(name);
                }
            });
            return String.join(", ", names);
        }
        return node.isObject() ? text(node, "name") : node.asText("");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() ? v.asText("") : "";
    }

    private static String meta(Document doc, String name) {
        Element m = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
        return m == null ? "" : m.attr("content").strip();
    }

    /** article:author is often a profile URL, which is no name. */
    private static String nameOnly(String s) {
        return s.startsWith("http://") || s.startsWith("https://") ? "" : s;
    }

    private static String timeOf(Element e) {
        if (e == null) {
            return "";
        }
        return e.hasAttr("datetime") ? e.attr("datetime") : e.hasAttr("title") ? e.attr("title") : e.text();
    }

    private static String textOf(Element e) {
        return e == null ? "" : e.text();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
