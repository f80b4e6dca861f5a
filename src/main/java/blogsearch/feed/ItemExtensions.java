package blogsearch.feed;

import com.rometools.rome.io.impl.DateParser;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Element;

/**
 * What Dublin Core, iTunes and Media RSS elements and XHTML bodies say about an item (or a channel), read from its
 * own XML where the core elements are missing. Rome's model loses most of it: an item's categories replace its
 * dc:subject, dc:creator gives way to an RSS author, dcterms dates are not read, and neither are the iTunes and
 * Media RSS modules or XHTML bodies.
 */
final class ItemExtensions {
    private static final Set<String> DC = Set.of("http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.1");
    private static final Set<String> DCTERMS = Set.of("http://purl.org/dc/terms/", "http://purl.org/dc/terms");
    private static final Set<String> ITUNES = Set.of("http://www.itunes.com/dtds/podcast-1.0.dtd",
            "https://www.itunes.com/dtds/podcast-1.0.dtd");
    private static final Set<String> MEDIA = Set.of("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss");
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private ItemExtensions() {}

    /** dc:title, else media:title. */
    static Optional<AtomText.Text> title(Element item) {
        return first(text(child(item, DC, "title"), false), media(item, "title"));
    }

    /** The text of an XHTML body ({@code <xhtml:body>}, or {@code <body>} with no namespace), as HTML. */
    static Optional<AtomText.Text> body(Element item) {
        for (Element child : item.getChildren()) {
            if (child.getName().equals("body") && (child.getNamespaceURI().isEmpty()
                    || child.getNamespaceURI().equals(XHTML))) {
                String html = AtomText.markup(child, false);
                if (!html.isBlank()) {
                    return Optional.of(new AtomText.Text(html, true));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * dc:description, else itunes:summary, else media:description: HTML like any RSS description, except a Media RSS
     * description not declared html.
     */
    static Optional<AtomText.Text> description(Element item) {
        return first(text(child(item, DC, "description"), true), text(child(item, ITUNES, "summary"), true),
                media(item, "description"));
    }

    /** Every dc:subject (RSS 1.0 feeds keep their categories there). */
    static List<String> subjects(Element item) {
        List<String> out = new ArrayList<>();
        for (Element child : item.getChildren()) {
            if (child.getName().equals("subject") && DC.contains(child.getNamespaceURI())) {
                out.add(child.getValue());
            }
        }
        return out;
    }

    /** itunes:keywords, a comma-separated list (a few times more than there can be tags: a feed may send megabytes). */
    static List<String> keywords(Element item) {
        Element k = child(item, ITUNES, "keywords");
        return k == null ? List.of() : List.of(k.getText().split(",", 4 * FeedReader.MAX_TAGS));
    }

    /** dc:creator, which Rome drops when an RSS author is also given. */
    static String creator(Element item) {
        Element c = child(item, DC, "creator");
        return c == null ? "" : c.getValue();
    }

    /** itunes:author of an item or a channel. */
    static String itunesAuthor(Element element) {
        Element a = child(element, ITUNES, "author");
        return a == null ? "" : a.getValue();
    }

    /** dcterms:issued, else dcterms:created, else dc:date. */
    static Optional<Date> published(Element item) {
        return date(child(item, DCTERMS, "issued")).or(() -> date(child(item, DCTERMS, "created")))
                .or(() -> date(child(item, DC, "date")));
    }

    /** dcterms:modified. */
    static Optional<Date> updated(Element item) {
        return date(child(item, DCTERMS, "modified"));
    }

    /** A media:title or media:description: on the item, in its media:group, or in a media:content of either. */
    private static Optional<AtomText.Text> media(Element item, String name) {
        List<Element> places = new ArrayList<>(List.of(item));
        for (int i = 0; i < places.size() && i < 16; i++) { // the item, its group, a few contents: not every one
            Element place = places.get(i);
            Element found = child(place, MEDIA, name);
            if (found != null && !found.getValue().isBlank()) {
                return text(found, "html".equalsIgnoreCase(found.getAttributeValue("type")));
            }
            for (Element c : place.getChildren()) {
                boolean container = c.getName().equals("group") || c.getName().equals("content");
                if (container && MEDIA.contains(c.getNamespaceURI())) {
                    places.add(c);
                }
            }
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... options) {
        for (Optional<T> o : options) {
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    private static Optional<AtomText.Text> text(Element e, boolean html) {
        return e == null || e.getValue().isBlank() ? Optional.empty()
                : Optional.of(new AtomText.Text(e.getValue(), html));
    }

    private static Optional<Date> date(Element e) {
        if (e == null || e.getTextTrim().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(DateParser.parseDate(e.getTextTrim(), Locale.US));
    }

    private static Element child(Element parent, Set<String> namespaces, String name) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name) && namespaces.contains(child.getNamespaceURI())) {
                return child;
            }
        }
        return null;
    }
}
