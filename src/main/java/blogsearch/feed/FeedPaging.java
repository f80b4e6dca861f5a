package blogsearch.feed;

import java.io.ByteArrayInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The next page of a paged or archived feed: RFC 5005 links ({@code rel="next"} for paged feeds,
 * {@code rel="prev-archive"} for archived ones), Blogger's {@code start-index}/{@code max-results}, and WordPress's
 * {@code ?paged=N}. Only the feed's header (before its first item) is read.
 */
public final class FeedPaging {
    private static final Pattern START_INDEX = Pattern.compile("([?&])start-index=(\\d+)");
    private static final Pattern PAGED = Pattern.compile("([?&])paged=(\\d+)");
    private static final Pattern WORDPRESS_QUERY = Pattern.compile("[?&](paged|feed)=");
    // WordPress's feed templates declare both, and sites that hide its generator tag rarely touch the template.
    private static final String COMMENT_API = "http://wellformedweb.org/CommentAPI/";
    private static final String SLASH = "http://purl.org/rss/1.0/modules/slash/";

    /** How the feed pages, as its header shows; {@code namespaces} are those its root element declares. */
    public record Header(String next, String prevArchive, String generator, int totalResults, int startIndex,
            int itemsPerPage, List<String> namespaces) {}

    private FeedPaging() {}

    /**
     * The page after {@code page} (the feed at {@code location}, whose header is {@code header}) that held
     * {@code entries} entries, if the feed says or its engine is known to page.
     */
    public static Optional<URI> next(Header header, URI location, int entries) {
        for (String link : new String[] {header.next(), header.prevArchive()}) {
            String abs = ItemFields.absolute(link, location);
            if (!abs.isEmpty() && !abs.equals(location.toString())) {
                return Optional.of(URI.create(abs));
            }
        }
        if (entries == 0) {
            return Optional.empty();
        }
        String generator = header.generator().toLowerCase(Locale.ROOT);
        String url = location.toString();
        if (generator.contains("blogger") || url.contains("max-results=") || url.contains("start-index=")) {
            int start = header.startIndex() > 0 ? header.startIndex() : 1;
            int per = header.itemsPerPage() > 0 ? header.itemsPerPage() : entries;
            int nextStart = start + per;
            if (header.totalResults() > 0 && nextStart > header.totalResults()) {
                return Optional.empty();
            }
            return Optional.of(withParameter(location, START_INDEX, "start-index", nextStart));
        }
        boolean wordpress = generator.contains("wordpress") || WORDPRESS_QUERY.matcher(url).find()
                || header.namespaces().contains(COMMENT_API) && header.namespaces().contains(SLASH);
        if (wordpress) {
            Matcher m = PAGED.matcher(url);
            int page = m.find() ? Integer.parseInt(m.group(2)) : 1;
            return Optional.of(withParameter(location, PAGED, "paged", page + 1));
        }
        return Optional.empty();
    }

    /** Reads the header of the feed in {@code bytes}: its paging links, generator and OpenSearch counts. */
    public static Header header(byte[] bytes) {
        HeaderFields fields = new HeaderFields();
        XMLStreamReader xr = null;
        try {
            BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
            xr = FeedReader.XML.createXMLStreamReader(new XmlCharFilter(FeedReader.decode(in, null)));
            int depth = 0;
            while (xr.hasNext()) {
                int event = xr.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                if (depth == 1) {
                    for (int i = 0; i < xr.getNamespaceCount(); i++) {
                        fields.namespaces.add(String.valueOf(xr.getNamespaceURI(i)));
                    }
                }
                String name = xr.getLocalName();
                if (name.equals("item") || name.equals("entry")) {
                    break;
                }
                if (depth <= 3 && fields.read(xr, name)) {
                    depth--; // its text was read, and its end with it
                }
            }
        } catch (XMLStreamException | IOException e) {
            // a broken header pages no further; the reader reports the fault
        } finally {
            if (xr != null) {
                try {
                    xr.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
        return fields.header();
    }

    /** The header's fields as read so far. */
    private static final class HeaderFields {
        private String next = "";
        private String prevArchive = "";
        private String generator = "";
        private int total = -1;
        private int start = -1;
        private int per = -1;
        private final List<String> namespaces = new ArrayList<>();

        /** Reads the element {@code name} that {@code xr} is at, if it is a field; true if its text was read. */
        boolean read(XMLStreamReader xr, String name) throws XMLStreamException {
            switch (name) {
                case "link" -> {
                    String rel = String.valueOf(xr.getAttributeValue(null, "rel")).strip().toLowerCase(Locale.ROOT);
                    String href = xr.getAttributeValue(null, "href");
                    if (href != null && rel.equals("next") && next.isEmpty()) {
                        next = href.strip();
                    } else if (href != null && rel.equals("prev-archive") && prevArchive.isEmpty()) {
                        prevArchive = href.strip();
                    }
                    return false;
                }
                case "generator" -> {
                    String uri = xr.getAttributeValue(null, "uri");
                    generator = (uri == null ? "" : uri + " ") + xr.getElementText();
                }
                case "totalResults" -> total = number(xr.getElementText());
                case "startIndex" -> start = number(xr.getElementText());
                case "itemsPerPage" -> per = number(xr.getElementText());
                default -> {
                    return false;
                }
            }
            return true;
        }

        Header header() {
            return new Header(next, prevArchive, generator, total, start, per, List.copyOf(namespaces));
        }
    }

    private static URI withParameter(URI location, Pattern existing, String name, int value) {
        String url = location.toString();
        Matcher m = existing.matcher(url);
        if (m.find()) {
            return URI.create(url.substring(0, m.start()) + m.group(1) + name + "=" + value + url.substring(m.end()));
        }
        return URI.create(url + (location.getRawQuery() == null ? "?" : "&") + name + "=" + value);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
