package blogsearch.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jsoup.nodes.Entities;

/**
 * Atom's titles, summaries and content, read by their declared type and (Atom 0.3) mode. Rome loses Atom 0.3's
 * declared types, so escaped HTML reached titles as literal markup; it leaves base64 as it is in Atom 1.0 and fails
 * the whole feed on malformed base64 in Atom 0.3; and it drops HTML content written as XML elements (TypePad did).
 * So Rome never sees these elements: they are taken out of entries before it parses them, and read here.
 */
final class AtomText {
    static final String ATOM_03 = "http://purl.org/atom/ns#";
    static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final Set<String> READ_HERE = Set.of("title", "summary", "content");

    /** Text as read: HTML to convert, or plain text. */
    record Text(String value, boolean html) {}

    /** What a type says the element holds; anything else is binary, or unknown. */
    private enum Kind { TEXT, HTML, XML, OTHER }

    private AtomText() {}

    /**
     * Whether Rome must not see this child of an Atom entry or feed: a title, summary or content (read here), or any
     * other element Rome would decode as base64 (nothing else of it is used).
     */
    static boolean keptFromRome(Element e) {
        boolean atom = ATOM_03.equals(e.getNamespaceURI()) || ATOM_10.equals(e.getNamespaceURI());
        return atom && READ_HERE.contains(e.getName()) || "base64".equalsIgnoreCase(e.getAttributeValue("mode"));
    }

    /** Takes the children Rome must not see out of an entry, and returns them in order. */
    static List<Element> detach(Element entry) {
        List<Element> kept = new ArrayList<>(3);
        for (Iterator<Element> it = entry.getChildren().iterator(); it.hasNext(); ) {
            Element child = it.next();
            if (keptFromRome(child)) {
                it.remove();
                kept.add(child);
            }
        }
        return kept;
    }

    /** The first of {@code elements} named {@code name} that holds text worth reading. */
    static Optional<Text> first(List<Element> elements, String name) {
        for (Element e : elements) {
            if (e.getName().equals(name)) {
                Optional<Text> text = read(e, name.equals("content"));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The text of a title, summary or content element, or empty if it holds none: blank, by reference ({@code src}),
     * binary (content of a media type that is not text, such as an image), or base64 that does not decode to UTF-8.
     * Titles and summaries of an unknown type are read as HTML, which plain text also is.
     */
    static Optional<Text> read(Element e, boolean content) {
        boolean atom03 = ATOM_03.equals(e.getNamespaceURI());
        String type = attribute(e, "type");
        String mode = attribute(e, "mode");
        Kind kind = kind(type.isEmpty() ? (atom03 ? "text/plain" : "text") : type);
        if (content && (kind == Kind.OTHER || e.getAttribute("src") != null)) {
            return Optional.empty();
        }
        String value;
        if (mode.equals("base64")) {
            value = decode(e.getText());
        } else if (kind == Kind.TEXT) {
            value = e.getValue();
        } else {
            value = markup(e, kind == Kind.HTML || mode.equals("escaped"));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Text(value, kind != Kind.TEXT));
    }

    /**
     * The element's content as HTML. Child elements are written by their local names (an XHTML prefix means nothing
     * to an HTML parser: "xhtml:p" would lose its paragraph break); text is escaped, unless {@code textIsHtml} says
     * the element's own text is HTML source (escaped HTML, with or without elements beside it).
     */
    static String markup(Element e, boolean textIsHtml) {
        StringBuilder out = new StringBuilder();
        write(e.getContent(), textIsHtml, out);
        return out.toString();
    }

    private static void write(List<Content> content, boolean textIsHtml, StringBuilder out) {
        for (Content c : content) {
            if (c instanceof org.jdom2.Text t) {
                out.append(textIsHtml ? t.getText() : Entities.escape(t.getText()));
            } else if (c instanceof Element child) {
                out.append('<').append(child.getName());
                for (Attribute a : child.getAttributes()) {
                    out.append(' ').append(a.getName()).append("=\"").append(Entities.escape(a.getValue())).append('"');
                }
                out.append('>');
                write(child.getContent(), false, out);
                out.append("</").append(child.getName()).append('>');
            }
        }
    }

    private static Kind kind(String type) {
        return switch (type) {
            case "text", "text/plain" -> Kind.TEXT;
            case "html", "text/html" -> Kind.HTML;
            case "xhtml" -> Kind.XML;
            default -> type.endsWith("+xml") || type.endsWith("/xml") ? Kind.XML
                    : type.startsWith("text/") ? Kind.TEXT : Kind.OTHER;
        };
    }

    /** Base64 as UTF-8 text, or null if it is not base64 (line breaks aside) or not UTF-8. */
    private static String decode(String base64) {
        StringBuilder compact = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            if (!Character.isWhitespace(base64.charAt(i))) {
                compact.append(base64.charAt(i));
            }
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(compact.toString());
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static String attribute(Element e, String name) {
        String v = e.getAttributeValue(name);
        return v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
    }
}
