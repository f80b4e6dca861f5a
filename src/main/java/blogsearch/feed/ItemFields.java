package blogsearch.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The fields of a feed's items as Rome parsed them, read the way feed readers read them and made safe: titles
 * and names as plain text, bodies by their declared or evident type, authors without addresses, tags
 * de-duplicated, links absolute http(s) only, dates only when plausible; each bounded in size.
 */
final class ItemFields {
    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final String URI_UNSAFE = " \"<>[\\]^`{|}";
    private static final String ADDRESS_PATTERN = "(?:mailto:)?[^\\s@()<>]+@[^\\s@()<>]+";
    private static final Pattern ADDRESS = Pattern.compile(ADDRESS_PATTERN);
    private static final Pattern ADDRESS_THEN_NAME = Pattern.compile(ADDRESS_PATTERN + "\\s*\\((.*)\\)");
    /** A category term that is a web address (a scheme's identifier, a label's page), which is no tag. */
    private static final Pattern ADDRESS_TAG = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern NAME_THEN_ADDRESS = Pattern.compile("\"?(.*?)\"?\\s*<" + ADDRESS_PATTERN + ">");

    private ItemFields() {}

    static String titleOf(SyndEntry e) {
        return title(e.getTitleEx(), e.getTitle());
    }

    static String title(AtomText.Text t) {
        return clip(t.html() ? HtmlText.fromHtml(t.value()) : HtmlText.fromText(t.value()), FeedReader.MAX_TITLE_CHARS);
    }

    /** The first of Rome's contents (RSS: content:encoded) that holds text. */
    static Optional<AtomText.Text> content(SyndEntry e) {
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank() && isTextual(c.getType())) {
                return Optional.of(new AtomText.Text(c.getValue(), isHtml(c.getType())));
            }
        }
        return Optional.empty();
    }

    static Optional<AtomText.Text> description(SyndFeed feed, SyndEntry e) {
        SyndContent d = e.getDescription();
        return d == null || d.getValue() == null || d.getValue().isEmpty() ? Optional.empty()
                : Optional.of(new AtomText.Text(d.getValue(), descriptionIsHtml(feed, d)));
    }

    /** An entry's or a feed's title as plain text, by its declared type (Atom) or by what it holds (RSS). */
    static String title(SyndContent t, String fallback) {
        String raw = t != null && t.getValue() != null ? t.getValue() : nz(fallback);
        String type = t == null || t.getType() == null ? "" : t.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) {
            // Declared text (Atom): markup in it is literal.
            return clip(HtmlText.fromText(raw), FeedReader.MAX_TITLE_CHARS);
        }
        return clip(HtmlText.title(raw, type.contains("html")), FeedReader.MAX_TITLE_CHARS);
    }

    /**
     * Rome labels every RSS 0.90, 0.91 and 1.0 description "text/plain" whatever it holds, yet in the wild they
     * carry escaped HTML like every other RSS description. Only Atom declares plain text for real.
     */
    private static boolean descriptionIsHtml(SyndFeed feed, SyndContent description) {
        return nz(feed.getFeedType()).startsWith("rss") || isHtml(description.getType());
    }

    /** Atom content may be any media type (a base64 image, a PDF): only text and markup are worth indexing. */
    private static boolean isTextual(String type) {
        if (type == null || type.isBlank()) {
            return true;
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        return t.equals("text") || t.equals("html") || t.equals("xhtml") || t.startsWith("text/")
                || t.endsWith("+xml") || t.endsWith("/xml");
    }

    private static boolean isHtml(String type) {
        if (type == null) {
            return true; // RSS descriptions carry HTML
        }
        String t = type.toLowerCase(Locale.ROOT);
        return !(t.equals("text") || t.equals("text/plain"));
    }

    /** The entry's author, else the feed's: the first name given, in the core elements first. */
    static String authorOf(SyndFeed feed, SyndEntry e, Element item, Element channel) {
        List<String> candidates = new ArrayList<>();
        candidates.add(e.getAuthor());
        e.getAuthors().forEach(p -> candidates.add(p.getName()));
        candidates.add(ItemExtensions.creator(item));
        candidates.add(ItemExtensions.itunesAuthor(item));
        candidates.add(feed.getAuthor());
        feed.getAuthors().forEach(p -> candidates.add(p.getName()));
        candidates.add(ItemExtensions.itunesAuthor(channel));
        for (String candidate : candidates) {
            String name = label(personName(nz(candidate)), FeedReader.MAX_NAME_CHARS);
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "";
    }

    /**
     * The name in an author field. RSS gives an address first, "jo@example.com (Jo Bloggs)", others
     * "Jo Bloggs &lt;jo@example.com&gt;": the name is kept. An address alone is no name, and not something to show
     * on a public page: it gives "", and the next author field is tried.
     */
    private static String personName(String raw) {
        String s = raw.strip();
        Matcher m = ADDRESS_THEN_NAME.matcher(s);
        if (m.matches()) {
            return m.group(1).strip();
        }
        m = NAME_THEN_ADDRESS.matcher(s);
        if (m.matches()) {
            return m.group(1).strip();
        }
        return ADDRESS.matcher(s).matches() ? "" : s;
    }

    /**
     * Categories and Dublin Core subjects as tags, else iTunes keywords: cleaned like names, trimmed, de-duplicated
     * ignoring case, first spelling kept, bounded in number and size; a "kind" category or a web address is no tag.
     */
    static List<String> tags(SyndEntry e, Element item) {
        List<String> names = new ArrayList<>();
        for (SyndCategory c : e.getCategories()) {
            // A category of a "kind" scheme (Blogger's posts, video sites' videos) says what an entry is.
            if (!nz(c.getTaxonomyUri()).strip().toLowerCase(Locale.ROOT).endsWith("#kind")) {
                names.add(c.getName());
            }
        }
        names.addAll(ItemExtensions.subjects(item));
        List<String> tags = tags(names);
        return tags.isEmpty() ? tags(ItemExtensions.keywords(item)) : tags;
    }

    /** Tags as every reader keeps them: plain text, duplicates (ignoring case) and overlong names dropped. */
    static List<String> tags(List<String> names) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String n : names) {
            String raw = nz(n);
            // Far longer than any tag even with markup: not worth cleaning (a hostile feed sends megabytes).
            String name = raw.length() > FeedReader.MAX_TAG_CHARS * 10 ? "" : label(raw, Integer.MAX_VALUE);
            if (name.isEmpty() || name.length() > FeedReader.MAX_TAG_CHARS || ADDRESS_TAG.matcher(name).matches()) {
                continue;
            }
            byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (byKey.size() >= FeedReader.MAX_TAGS) {
                break;
            }
        }
        return List.copyOf(byKey.values());
    }

    static String entryLink(SyndEntry e) {
        if (e.getLink() != null && !e.getLink().isBlank()) {
            return e.getLink();
        }
        for (SyndLink l : e.getLinks()) {
            if ((l.getRel() == null || l.getRel().equals("alternate")) && l.getHref() != null) {
                return l.getHref();
            }
        }
        return "";
    }

    static String selfLink(SyndFeed feed, Element channel) {
        for (SyndLink l : feed.getLinks()) {
            if ("self".equals(l.getRel()) && l.getHref() != null) {
                String self = absolute(l.getHref(), URI.create("about:blank"));
                if (!self.isEmpty()) {
                    return self;
                }
            }
        }
        // RSS feeds name themselves with <atom:link rel="self">, which Rome does not carry over into SyndFeed.
        for (Element l : channel.getChildren("link", ATOM)) {
            if ("self".equals(l.getAttributeValue("rel"))) {
                String self = absolute(l.getAttributeValue("href"), URI.create("about:blank"));
                if (!self.isEmpty()) {
                    return self;
                }
            }
        }
        return "";
    }

    /** The RSS channel (RSS 1.0 puts it in its own namespace), or the root itself for Atom. */
    static Element channelOf(Element root) {
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                return child;
            }
        }
        return root;
    }

    /** The entry's xml:lang, else the feed's, else its RSS or Dublin Core language; "" if none is a language tag. */
    static String language(Element entry, Element root, SyndFeed feed) {
        for (String declared : List.of(nz(entry.getAttributeValue("lang", Namespace.XML_NAMESPACE)),
                nz(root.getAttributeValue("lang", Namespace.XML_NAMESPACE)), nz(feed.getLanguage()))) {
            String lang = declared.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (lang.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*")) {
                return lang;
            }
        }
        return "";
    }

    /** An absolute http(s) URL, or "" for anything else (javascript:, data:, unresolvable). */
    static String absolute(String link, URI base) {
        String l = nz(link).strip();
        if (l.isEmpty() || l.length() > FeedReader.MAX_URL_CHARS) {
            return "";
        }
        try {
            URI u = new URI(escapeForUri(l));
            if (!u.isAbsolute() && base.isAbsolute() && !base.isOpaque()) {
                u = base.resolve(u);
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toString() : "";
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Escapes what browsers accept in links but {@link URI} refuses (spaces, brackets, pipes, a stray %), so that
     * links like {@code /search?tag[]=java} are kept instead of dropped. Brackets of an IPv6 host stay as they are.
     */
    private static String escapeForUri(String link) {
        int hostEnd = -1;
        int slashes = link.indexOf("//");
        if (slashes >= 0 && link.substring(0, slashes).matches("([A-Za-z][A-Za-z0-9+.-]*:)?")) {
            hostEnd = slashes + 2;
            while (hostEnd < link.length() && "/?#".indexOf(link.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
        }
        StringBuilder out = new StringBuilder(link.length() + 16);
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            boolean unsafe = URI_UNSAFE.indexOf(c) >= 0 && !(i < hostEnd && (c == '[' || c == ']'))
                    || c == '%' && !(i + 2 < link.length() && isHex(link.charAt(i + 1)) && isHex(link.charAt(i + 2)))
                    || Character.isISOControl(c) || Character.isSpaceChar(c);
            if (!unsafe) {
                out.append(c);
                continue;
            }
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    static String safeBase(String s) {
        try {
            return new URI(s).toString();
        } catch (java.net.URISyntaxException e) {
            return "about:blank";
        }
    }

    static Optional<Instant> instant(Date d) {
        return d == null || !FeedDates.plausible(d.toInstant()) ? Optional.empty() : Optional.of(d.toInstant());
    }

    /**
     * A name (author, tag) as plain text. Like RSS titles, names come with entities escaped twice ("Tom &amp;amp;
     * Jerry") and inline HTML ("&lt;b&gt;Java&lt;/b&gt;", an &lt;img onerror&gt;), which are decoded and dropped;
     * any other '<' is text.
     */
    private static String label(String s, int max) {
        return clip(HtmlText.title(nz(s), false), max);
    }

    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        // Never between the halves of a surrogate pair: a lone half is a character no encoder can write.
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
