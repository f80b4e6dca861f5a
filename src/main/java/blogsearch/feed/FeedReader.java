package blogsearch.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jsoup.nodes.Entities;

/**
 * Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds as a stream of {@link FeedEntry}s (JSON Feeds go to
 * {@link JsonFeedReader}).
 *
 * <p>Rome parses whole documents, so a large feed would sit in memory at once. Instead a StAX pass cuts
 * the feed into small documents (the feed's own header plus {@value #CHUNK_ITEMS} items) and Rome parses
 * each. The StAX parser never reads DTDs or external entities; entity-bomb and XXE payloads fail as
 * "undeclared entity". A feed that breaks off midway keeps the items before the break.
 */
public final class FeedReader {
    static final int CHUNK_ITEMS = 64;
    static final int MAX_TAGS = 64;
    static final int MAX_TAG_CHARS = 100;
    static final int MAX_TITLE_CHARS = 1_000;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_URL_CHARS = 2_000;
    /** Elements nested deeper inside one item are flattened into their ancestor's text. */
    static final int MAX_ITEM_DEPTH = 200;
    /** Text kept per element: no more than {@link HtmlText} ever reads. */
    static final int MAX_FIELD_CHARS = HtmlText.MAX_HTML_CHARS;
    /** Text kept per item (content and description may each be long), and per chunk before it is parsed. */
    static final int MAX_ITEM_CHARS = 2 * MAX_FIELD_CHARS;
    /** Elements kept per item; further ones are flattened into their ancestor's text. */
    static final int MAX_ITEM_ELEMENTS = 50_000;
    /** Elements of the feed's header (channel title, link, image...) kept; the header is part of every chunk. */
    static final int MAX_HEADER_ELEMENTS = 1_000;
    /** Documents nested deeper fail: the parser keeps a stack as deep as the document. */
    static final int MAX_DOCUMENT_DEPTH = 1_000;

    static final XMLInputFactory XML = secureFactory();
    private static final int BLANK_PROBE = 4096;
    /** More than Rome's XmlReader reads looking for the XML declaration (4 KB, through a buffer of its own). */
    private static final int ENCODING_PROBE = 1 << 16;
    /** Encodings read by {@link LenientUtf8Decoder}: they are the ones feeds mislabel and mix. */
    private static final Set<Charset> LENIENT = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"));
    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final String URI_UNSAFE = " \"<>[\\]^`{|}";
    private static final String ADDRESS_PATTERN = "(?:mailto:)?[^\\s@()<>]+@[^\\s@()<>]+";
    private static final Pattern ADDRESS = Pattern.compile(ADDRESS_PATTERN);
    private static final Pattern ADDRESS_THEN_NAME = Pattern.compile(ADDRESS_PATTERN + "\\s*\\((.*)\\)");
    /** A category term that is a web address (a scheme's identifier, a label's page), which is no tag. */
    private static final Pattern ADDRESS_TAG = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern NAME_THEN_ADDRESS = Pattern.compile("\"?(.*?)\"?\\s*<" + ADDRESS_PATTERN + ">");

    /**
     * What a feed says about itself, how many entries it gave, and what was repaired to read it (faults that make a
     * document invalid XML, which feed readers overlook), in words.
     */
    public record FeedInfo(String title, String link, String selfLink, int entries, List<String> repairs) {}

    /** A feed that could not be read, with the reason; {@code salvaged} entries before the fault were kept. */
    public static final class FeedError extends RuntimeException {
        private final int salvaged;

        FeedError(String message, int salvaged, Throwable cause) {
            super(message, cause);
            this.salvaged = salvaged;
        }

        public int salvaged() {
            return salvaged;
        }
    }

    private FeedReader() {}

    /**
     * Reads the feed in {@code in} and hands each entry to {@code sink} as soon as its chunk is parsed.
     *
     * @param contentType the HTTP Content-Type, or null for files: it helps guess the encoding
     * @param location where the feed came from: relative links resolve against it or the feed's own link
     */
    public static FeedInfo read(InputStream in, String contentType, URI location, Consumer<FeedEntry> sink) {
        Chunker chunker = new Chunker(location, sink);
        XMLStreamReader xr = null;
        try {
            BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
            refuseNonFeeds(buffered);
            if (JsonFeedReader.isJson(buffered)) {
                return JsonFeedReader.read(buffered, location, sink).info();
            }
            XmlCharFilter chars = new XmlCharFilter(decode(buffered, contentType));
            xr = XML.createXMLStreamReader(chars);
            chunker.run(xr);
            return chunker.finish(chars.repairs());
        } catch (XMLStreamException e) {
            // The parser's own words ("entity was referenced, but not declared") hide that it was declared and
            // deliberately ignored.
            String note = chunker.doctypeEntities
                    ? " (entities declared in a DOCTYPE are never expanded: external and custom entities are refused)"
                    : "";
            throw chunker.fail(xmlError("invalid XML", e) + note, e);
        } catch (IOException e) {
            throw chunker.fail("could not read: " + e.getMessage(), e);
        } finally {
            if (xr != null) {
                try {
                    xr.close();
                } catch (XMLStreamException ignored) {
                    // the stream is closed by whoever opened it
                }
            }
        }
    }

    /**
     * The feed's characters. A byte order mark, or the byte pattern of UTF-16 or UTF-32, decides the encoding,
     * whatever the declaration says (see {@link XmlEncoding}). Otherwise Rome's XmlReader reads the declaration and
     * the Content-Type; when that names UTF-8, ASCII or Latin-1, a UTF-16 or UTF-32 the bytes cannot be, or nothing
     * usable, the bytes are read by {@link LenientUtf8Decoder}: feeds mislabel
     * these encodings and mix them, and a strict decoder turned their accents and smart quotes into U+FFFD or
     * mojibake. An encoding name no JVM knows ("x-made-up", "utf 8") is no reason to refuse a feed either.
     */
    static Reader decode(BufferedInputStream in, String contentType) throws IOException {
        in.mark(4);
        XmlEncoding.Sniffed sniffed = XmlEncoding.sniff(in.readNBytes(4));
        in.reset();
        if (sniffed != null) {
            in.skipNBytes(sniffed.bomLength());
            Charset found = sniffed.charset();
            return found.equals(StandardCharsets.UTF_8) ? new InputStreamReader(in, new LenientUtf8Decoder())
                    : new InputStreamReader(in, found);
        }
        Charset declared;
        in.mark(ENCODING_PROBE);
        try {
            // Rome reads a few KB for the declaration; the reader it builds is dropped and the stream rewound.
            declared = Charset.forName(new XmlReader(in, encodingHint(contentType), true).getEncoding());
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            declared = null; // unknown or malformed name
        }
        in.reset();
        // The bytes start ASCII-compatible, so a declared UTF-16 or UTF-32 is wrong: as browsers, read UTF-8.
        if (declared == null || LENIENT.contains(declared) || XmlEncoding.isWide(declared)) {
            return new InputStreamReader(in, new LenientUtf8Decoder());
        }
        return new InputStreamReader(in, declared);
    }

    /**
     * The Content-Type as far as it tells the encoding. RFC 3023 had text/xml without a charset mean US-ASCII, and
     * Rome still applies that, garbling UTF-8 feeds without an XML declaration; RFC 7303 lets the document decide
     * (BOM, declaration, else UTF-8), as it does for application/xml.
     */
    private static String encodingHint(String contentType) {
        if (contentType == null) {
            return null;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/") && !lower.contains("charset") ? null : contentType;
    }

    /**
     * Says what an HTML page or an empty file is: the XML parser would only complain about markup
     * (an HTML doctype or a lower-case one is not XML) or a premature end of file.
     */
    private static void refuseNonFeeds(BufferedInputStream in) throws IOException {
        if (Sources.rootElement(in).equals("html")) {
            throw new FeedError("an HTML page, not a feed", 0, null);
        }
        in.mark(BLANK_PROBE + 1);
        byte[] head = in.readNBytes(BLANK_PROBE);
        in.reset();
        String text = new String(head, StandardCharsets.ISO_8859_1)
                .replaceAll("\u00ef\u00bb\u00bf|\u00fe\u00ff|\u00ff\u00fe|\u0000", ""); // BOMs, UTF-16 zero bytes
        if (head.length < BLANK_PROBE && text.isBlank()) {
            throw new FeedError("empty document", 0, null);
        }
    }

    /** "{what} at line L, column C: reason", on one line whatever the parser's message looks like. */
    static String xmlError(String what, XMLStreamException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
        return what + where + ": " + xmlMessage(e);
    }

    /** The JDK's messages start with a "ParseError at [row,col]:" prefix we already report in our own words. */
    private static String xmlMessage(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        return oneLine(i >= 0 ? m.substring(i + 9) : m);
    }

    /** An item as built, with the Atom elements kept from Rome ({@link AtomText}). */
    private record Item(Element element, boolean inChannel, List<Element> atomText) {}

    /** Walks the StAX stream, collects the feed header and items, and parses them chunk by chunk. */
    private static final class Chunker {
        private final URI location;
        private final Consumer<FeedEntry> sink;
        private final SyndFeedInput rome = new SyndFeedInput();
        private Element root;
        private Element channel; // the RSS <channel> being walked, else null
        private final List<Item> items = new ArrayList<>();
        private FeedInfo info;
        private int emitted;
        private String itemName;
        private boolean doctypeEntities; // the DOCTYPE declares entities, which are never read
        private long chunkChars; // text held by the items waiting to be parsed
        private long builtChars; // text kept by the last element built
        private int headerElements;
        private final List<Element> headerText = new ArrayList<>(); // the Atom feed's own, kept from Rome

        Chunker(URI location, Consumer<FeedEntry> sink) {
            this.location = location;
            this.sink = sink;
            rome.setPreserveWireFeed(false);
        }

        void run(XMLStreamReader xr) throws XMLStreamException {
            int depth = 0; // of the reader, counting only the elements walked here (items are built whole)
            while (xr.hasNext()) {
                int event = xr.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 0) {
                        return; // whatever follows the root element is not ours to judge
                    }
                    channel = depth == 1 ? null : channel;
                    continue;
                }
                if (event == XMLStreamConstants.DTD) {
                    doctypeEntities = xr.getText() != null && xr.getText().contains("<!ENTITY");
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (root == null) {
                    root = shallow(xr);
                    depth = 1;
                    itemName = switch (root.getName().toLowerCase(Locale.ROOT)) {
                        case "rss", "rdf" -> "item";
                        case "feed" -> "entry";
                        case "opml" -> throw new FeedError("this is an OPML subscription list, not a feed", 0, null);
                        default -> throw new FeedError(
                                "not an RSS or Atom feed (root element <" + xr.getLocalName() + ">)", 0, null);
                    };
                    continue;
                }
                String name = xr.getLocalName();
                if (name.equals(itemName)) {
                    Element item = build(xr);
                    FeedDates.clean(item);
                    items.add(new Item(item, channel != null, atom() ? AtomText.detach(item) : List.of()));
                    chunkChars += builtChars;
                    if (items.size() >= CHUNK_ITEMS || chunkChars >= MAX_ITEM_CHARS) {
                        flush();
                    }
                } else if (depth == 1 && channel == null && name.equals("channel") && itemName.equals("item")) {
                    // RSS 2.0 keeps its items inside <channel>, RSS 1.0 beside it: walk in, keep its metadata.
                    channel = shallow(xr);
                    root.addContent(channel);
                    depth = 2;
                } else if (headerElements < MAX_HEADER_ELEMENTS) {
                    headerElements++;
                    Element header = build(xr);
                    if (atom() && AtomText.keptFromRome(header)) {
                        headerText.add(header);
                    } else {
                        (channel != null ? channel : root).addContent(header);
                    }
                } else {
                    skip(xr); // junk at the channel level: every chunk would carry it
                }
            }
        }

        private void flush() {
            if (root == null || (items.isEmpty() && info != null)) {
                return;
            }
            Element docRoot = root.clone();
            Element docChannel = docRoot.getChild("channel", docRoot.getNamespace());
            List<Item> chunk = List.copyOf(items);
            for (Item item : chunk) {
                (item.inChannel() && docChannel != null ? docChannel : docRoot).addContent(item.element());
            }
            items.clear();
            chunkChars = 0;
            if (root.getName().equals("rss") && channelOf(docRoot) == docRoot) {
                throw new FeedError("not a valid feed: <rss> has no <channel>" + kept(), emitted, null);
            }
            SyndFeed feed;
            try {
                feed = rome.build(new Document(docRoot));
            } catch (FeedException | IllegalArgumentException e) {
                throw new FeedError("not a valid feed: " + oneLine(e.getMessage()) + kept(), emitted, e);
            } catch (RuntimeException e) {
                // Rome takes for granted parts a feed may lack, and then fails with a bare NullPointerException.
                throw new FeedError("not a valid feed: Rome could not make sense of its structure ("
                        + e.getClass().getSimpleName() + ")" + kept(), emitted, e);
            }
            if (info == null) {
                String title = atom() ? AtomText.first(headerText, "title").map(FeedReader::title).orElse("")
                        : title(feed.getTitleEx(), feed.getTitle());
                info = new FeedInfo(title, absolute(feed.getLink(), location), selfLink(feed, channelOf(docRoot)), 0,
                        List.of());
            }
            // Rome gives one entry per item, in order; should it ever skip one, what it left out is not worth guessing.
            List<SyndEntry> entries = feed.getEntries();
            boolean aligned = entries.size() == chunk.size();
            for (int i = 0; i < entries.size(); i++) {
                sink.accept(entry(feed, entries.get(i), aligned ? chunk.get(i) : null));
                emitted++;
            }
        }

        /** Whether this is an Atom feed (1.0 or 0.3), whose text Rome must not read: see {@link AtomText}. */
        private boolean atom() {
            return itemName.equals("entry");
        }

        FeedInfo finish(List<String> repairs) {
            if (root == null) {
                throw new FeedError("empty document", 0, null);
            }
            flush();
            return new FeedInfo(info.title(), info.link(), info.selfLink(), emitted, List.copyOf(repairs));
        }

        /** Keeps what was complete before the fault, then reports it. */
        FeedError fail(String message, Throwable cause) {
            if (cause instanceof FeedError fe) {
                return fe;
            }
            try {
                if (!items.isEmpty()) {
                    flush();
                }
            } catch (FeedError ignored) {
                // the original fault is the one worth reporting
            }
            return new FeedError(message + kept(), emitted, cause);
        }

        private String kept() {
            return emitted > 0 ? " (kept " + emitted + " entries read before it)" : "";
        }

        /**
         * Where an item's relative links point: its xml:base and the feed's, which Rome does not apply, when set;
         * else the feed's own link, else where the feed came from.
         */
        private URI linkBase(String feedLink, String itemBase) {
            String rootBase = nz(root.getAttributeValue("base", Namespace.XML_NAMESPACE));
            if (rootBase.isBlank() && itemBase.isBlank()) {
                return URI.create(safeBase(feedLink.isEmpty() ? location.toString() : feedLink));
            }
            URI base = location;
            for (String b : List.of(rootBase, itemBase)) {
                String resolved = b.isBlank() ? "" : absolute(b, base);
                if (!resolved.isEmpty()) {
                    base = URI.create(resolved);
                }
            }
            return base;
        }

        /** The entry Rome made of {@code item}, which is null if Rome's entries and the items could not be paired. */
        private FeedEntry entry(SyndFeed feed, SyndEntry e, Item item) {
            List<Element> atomText = item == null ? List.of() : item.atomText();
            Element element = item == null ? new Element("item") : item.element();
            String itemBase = nz(element.getAttributeValue("base", Namespace.XML_NAMESPACE));
            String feedLink = info.link();
            String url = absolute(entryLink(e), linkBase(feedLink, itemBase));
            String guid = clip(nz(e.getUri()), MAX_URL_CHARS);
            String title = atom() ? AtomText.first(atomText, "title").map(FeedReader::title).orElse("") : titleOf(e);
            if (title.isEmpty()) {
                title = ItemExtensions.title(element).map(FeedReader::title).orElse("");
            }
            Optional<Instant> published = instant(e.getPublishedDate())
                    .or(() -> ItemExtensions.published(element).flatMap(FeedReader::instant));
            Optional<Instant> updated = instant(e.getUpdatedDate())
                    .or(() -> ItemExtensions.updated(element).flatMap(FeedReader::instant));
            if (published.isEmpty() && updated.isPresent()) {
                published = updated; // Atom allows updated alone; it is then the best date there is
            }
            String feedKey = info.selfLink().isEmpty()
                    ? (feedLink.isEmpty() ? location.toString() : feedLink) : info.selfLink();
            String id = blogsearch.post.PostId.of(feedKey, guid, url, title,
                    published.map(Instant::toString).orElse(""));
            Optional<AtomText.Text> body = (atom() ? AtomText.first(atomText, "content") : content(e))
                    .or(() -> ItemExtensions.body(element));
            Optional<AtomText.Text> summary = (atom() ? AtomText.first(atomText, "summary") : description(feed, e))
                    .or(() -> ItemExtensions.description(element));
            String content = body.map(AtomText.Text::value).orElse("");
            boolean html = body.map(AtomText.Text::html).orElse(true);
            String description = "";
            if (summary.isPresent() && summary.get().html()) {
                description = summary.get().value();
            } else if (summary.isPresent() && content.isEmpty()) {
                content = summary.get().value();
                html = false;
            } else if (summary.isPresent()) {
                description = Entities.escape(summary.get().value()); // the summary is read as HTML
            }
            return new FeedEntry(id, url, title, authorOf(feed, e, element, channelOf(root)), published, updated,
                    tags(e, element), info.title(), info.selfLink().isEmpty() ? feedLink : info.selfLink(),
                    language(feed), content, html, description);
        }

        /**
         * Builds the element the reader is on, with everything inside it, leaving the reader on its end tag. What
         * it keeps is bounded, since a feed may hold a 60 MB field or a million empty elements: text up to
         * {@link #MAX_FIELD_CHARS} per element and {@link #MAX_ITEM_CHARS} in all, elements up to
         * {@link #MAX_ITEM_ELEMENTS} and {@link #MAX_ITEM_DEPTH} deep; text beyond is dropped, elements beyond
         * are flattened into their ancestor's text.
         */
        private Element build(XMLStreamReader xr) throws XMLStreamException {
            Element top = shallow(xr);
            Deque<Element> open = new ArrayDeque<>();
            open.push(top);
            int[] kept = new int[MAX_ITEM_DEPTH]; // text kept by each open element, by depth
            StringBuilder text = new StringBuilder(); // text of the innermost open element, not yet added to it
            long chars = 0;
            int elements = 1;
            int flattened = 0; // elements skipped for depth or number, whose end tags must be skipped too
            while (!open.isEmpty()) {
                int event = xr.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_ITEM_DEPTH || elements >= MAX_ITEM_ELEMENTS) {
                            flattened++;
                        } else {
                            addText(open.peek(), text);
                            Element child = shallow(xr);
                            open.peek().addContent(child);
                            open.push(child);
                            kept[open.size() - 1] = 0;
                            elements++;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (flattened > 0) {
                            flattened--;
                        } else {
                            addText(open.pop(), text);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        // Text comes in pieces (the parser does not coalesce, so it never holds a whole field).
                        int depth = open.size() - 1;
                        long room = Math.min(MAX_FIELD_CHARS - kept[depth], MAX_ITEM_CHARS - chars);
                        int n = (int) Math.min(xr.getTextLength(), Math.max(room, 0));
                        if (n > 0) {
                            text.append(xr.getTextCharacters(), xr.getTextStart(), n);
                            kept[depth] += n;
                            chars += n;
                        }
                    }
                    case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside <"
                            + top.getName() + ">", xr.getLocation());
                    default -> {
                        // comments and processing instructions carry no content
                    }
                }
            }
            builtChars = chars;
            return top;
        }
    }

    private static String titleOf(SyndEntry e) {
        return title(e.getTitleEx(), e.getTitle());
    }

    private static String title(AtomText.Text t) {
        return clip(t.html() ? HtmlText.fromHtml(t.value()) : HtmlText.fromText(t.value()), MAX_TITLE_CHARS);
    }

    /** The first of Rome's contents (RSS: content:encoded) that holds text. */
    private static Optional<AtomText.Text> content(SyndEntry e) {
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank() && isTextual(c.getType())) {
                return Optional.of(new AtomText.Text(c.getValue(), isHtml(c.getType())));
            }
        }
        return Optional.empty();
    }

    private static Optional<AtomText.Text> description(SyndFeed feed, SyndEntry e) {
        SyndContent d = e.getDescription();
        return d == null || d.getValue() == null || d.getValue().isEmpty() ? Optional.empty()
                : Optional.of(new AtomText.Text(d.getValue(), descriptionIsHtml(feed, d)));
    }

    /** An entry's or a feed's title as plain text, by its declared type (Atom) or by what it holds (RSS). */
    private static String title(SyndContent t, String fallback) {
        String raw = t != null && t.getValue() != null ? t.getValue() : nz(fallback);
        String type = t == null || t.getType() == null ? "" : t.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) {
            return clip(HtmlText.fromText(raw), MAX_TITLE_CHARS); // declared text (Atom): markup in it is literal
        }
        return clip(HtmlText.title(raw, type.contains("html")), MAX_TITLE_CHARS);
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
    private static String authorOf(SyndFeed feed, SyndEntry e, Element item, Element channel) {
        List<String> candidates = new ArrayList<>();
        candidates.add(e.getAuthor());
        e.getAuthors().forEach(p -> candidates.add(p.getName()));
        candidates.add(ItemExtensions.creator(item));
        candidates.add(ItemExtensions.itunesAuthor(item));
        candidates.add(feed.getAuthor());
        feed.getAuthors().forEach(p -> candidates.add(p.getName()));
        candidates.add(ItemExtensions.itunesAuthor(channel));
        for (String candidate : candidates) {
            String name = label(personName(nz(candidate)), MAX_NAME_CHARS);
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
    static List<String> cleanTags(List<String> names) {
        return tags(names);
    }

    private static List<String> tags(List<String> names) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String n : names) {
            String raw = nz(n);
            // Far longer than any tag even with markup: not worth cleaning (a hostile feed sends megabytes).
            String name = raw.length() > MAX_TAG_CHARS * 10 ? "" : label(raw, Integer.MAX_VALUE);
            if (name.isEmpty() || name.length() > MAX_TAG_CHARS || ADDRESS_TAG.matcher(name).matches()) {
                continue;
            }
            byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (byKey.size() >= MAX_TAGS) {
                break;
            }
        }
        return List.copyOf(byKey.values());
    }

    private static String entryLink(SyndEntry e) {
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

    private static String selfLink(SyndFeed feed, Element channel) {
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
    private static Element channelOf(Element root) {
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                return child;
            }
        }
        return root;
    }

    private static String language(SyndFeed feed) {
        String lang = nz(feed.getLanguage()).strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return lang.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*") ? lang : "";
    }

    /** An absolute http(s) URL, or "" for anything else (javascript:, data:, unresolvable). */
    static String absolute(String link, URI base) {
        String l = nz(link).strip();
        if (l.isEmpty() || l.length() > MAX_URL_CHARS) {
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

    private static String safeBase(String s) {
        try {
            return new URI(s).toString();
        } catch (java.net.URISyntaxException e) {
            return "about:blank";
        }
    }

    private static Optional<Instant> instant(Date d) {
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

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s+", " ").strip();
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        // Never between the halves of a surrogate pair: a lone half is a character no encoder can write.
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The start tag the reader is on, without content: name, namespaces, attributes. */
    private static Element shallow(XMLStreamReader xr) {
        Element el = new Element(xr.getLocalName(), namespace(xr.getPrefix(), xr.getNamespaceURI()));
        for (int i = 0; i < xr.getNamespaceCount(); i++) {
            Namespace ns = namespace(xr.getNamespacePrefix(i), xr.getNamespaceURI(i));
            if (ns != Namespace.NO_NAMESPACE && !ns.equals(el.getNamespace())) {
                el.addNamespaceDeclaration(ns);
            }
        }
        for (int i = 0; i < xr.getAttributeCount(); i++) {
            String prefix = xr.getAttributePrefix(i);
            String uri = xr.getAttributeNamespace(i);
            Namespace ns = uri == null || uri.isEmpty() ? Namespace.NO_NAMESPACE
                    : "xml".equals(prefix) ? Namespace.XML_NAMESPACE : namespace(prefix, uri);
            el.setAttribute(xr.getAttributeLocalName(i), xr.getAttributeValue(i), ns);
        }
        return el;
    }

    private static Namespace namespace(String prefix, String uri) {
        if (uri == null || uri.isEmpty()) {
            return Namespace.NO_NAMESPACE;
        }
        return Namespace.getNamespace(prefix == null ? "" : prefix, uri);
    }

    private static void addText(Element element, StringBuilder text) {
        if (!text.isEmpty()) {
            element.addContent(text.toString());
            text.setLength(0);
        }
    }

    /** Skips the element the reader is on, leaving the reader on its end tag. */
    private static void skip(XMLStreamReader xr) throws XMLStreamException {
        String name = xr.getLocalName();
        for (int depth = 1; depth > 0; ) {
            int event = xr.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("document ends inside <" + name + ">", xr.getLocation());
            }
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Text in pieces, CDATA sections too: coalesced, a 60 MB field was held whole (twice, while its buffer grew)
        // before anything could cut it short.
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty("jdk.xml.cdataChunkSize", 1 << 16);
        // Set, not inherited: JDK 24 and later default to a depth of 100, which refuses feeds long before items
        // are flattened at MAX_ITEM_DEPTH, while JDK 21 has no limit at all.
        f.setProperty("jdk.xml.maxElementDepth", MAX_DOCUMENT_DEPTH);
        // JDK 24 and later also cap what entity references may add up to in one document at 100,000 characters,
        // counting every &lt; and &amp;: a feed of escaped HTML passes that within a few dozen posts and failed
        // midway. With DTDs off only XML's five entities and character references exist, one character each, so
        // these limits guard against nothing here (0 is "no limit").
        for (String limit : List.of("jdk.xml.entityExpansionLimit", "jdk.xml.totalEntitySizeLimit",
                "jdk.xml.maxGeneralEntitySizeLimit", "jdk.xml.entityReplacementLimit")) {
            f.setProperty(limit, 0);
        }
        return f;
    }
}
