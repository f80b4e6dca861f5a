package blogsearch.feed;

import static blogsearch.feed.FeedReader.CHUNK_ITEMS;
import static blogsearch.feed.FeedReader.MAX_FIELD_CHARS;
import static blogsearch.feed.FeedReader.MAX_HEADER_ELEMENTS;
import static blogsearch.feed.FeedReader.MAX_ITEM_CHARS;
import static blogsearch.feed.FeedReader.MAX_ITEM_DEPTH;
import static blogsearch.feed.FeedReader.MAX_ITEM_ELEMENTS;
import static blogsearch.feed.FeedReader.MAX_URL_CHARS;
import static blogsearch.feed.FeedReader.oneLine;
import static blogsearch.feed.ItemFields.absolute;
import static blogsearch.feed.ItemFields.authorOf;
import static blogsearch.feed.ItemFields.channelOf;
import static blogsearch.feed.ItemFields.clip;
import static blogsearch.feed.ItemFields.content;
import static blogsearch.feed.ItemFields.description;
import static blogsearch.feed.ItemFields.entryLink;
import static blogsearch.feed.ItemFields.instant;
import static blogsearch.feed.ItemFields.language;
import static blogsearch.feed.ItemFields.nz;
import static blogsearch.feed.ItemFields.safeBase;
import static blogsearch.feed.ItemFields.selfLink;
import static blogsearch.feed.ItemFields.tags;
import static blogsearch.feed.ItemFields.title;
import static blogsearch.feed.ItemFields.titleOf;

import blogsearch.feed.FeedReader.FeedError;
import blogsearch.feed.FeedReader.FeedInfo;
import blogsearch.post.PostId;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jsoup.nodes.Entities;

/**
 * Walks a feed's StAX stream, collects the feed header and items, and has Rome parse them a chunk at a time:
 * the header and up to {@value FeedReader#CHUNK_ITEMS} items, so that no feed sits in memory whole.
 */
final class FeedChunker {
    /** An item as built, with the Atom elements kept from Rome ({@link AtomText}). */
    private record Item(Element element, boolean inChannel, List<Element> atomText) {}

    private final URI location;
    private final Consumer<FeedEntry> sink;
    private final SyndFeedInput rome = new SyndFeedInput();
    private Element root;
    private Element channel; // the RSS <channel> being walked, else null
    private final List<Item> items = new ArrayList<>();
    private FeedInfo info;
    private int emitted;
    private String itemName;
    boolean doctypeEntities; // the DOCTYPE declares entities, which are never read
    private long chunkChars; // text held by the items waiting to be parsed
    private long builtChars; // text kept by the last element built
    private int headerElements;
    private final List<Element> headerText = new ArrayList<>(); // the Atom feed's own, kept from Rome

    FeedChunker(URI location, Consumer<FeedEntry> sink) {
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
            String title = atom() ? AtomText.first(headerText, "title").map(ItemFields::title).orElse("")
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
        String title = atom() ? AtomText.first(atomText, "title").map(ItemFields::title).orElse("") : titleOf(e);
        if (title.isEmpty()) {
            title = ItemExtensions.title(element).map(ItemFields::title).orElse("");
        }
        Optional<Instant> published = instant(e.getPublishedDate())
                .or(() -> ItemExtensions.published(element).flatMap(ItemFields::instant));
        Optional<Instant> updated = instant(e.getUpdatedDate())
                .or(() -> ItemExtensions.updated(element).flatMap(ItemFields::instant));
        if (published.isEmpty() && updated.isPresent()) {
            published = updated; // Atom allows updated alone; it is then the best date there is
        }
        String feedKey = info.selfLink().isEmpty()
                ? (feedLink.isEmpty() ? location.toString() : feedLink) : info.selfLink();
        String id = PostId.of(feedKey, guid, url, title,
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
                language(element, root, feed), content, html, description);
    }

    /**
     * Builds the element the reader is on, with everything inside it, leaving the reader on its end tag. What
     * it keeps is bounded, since a feed may hold a huge field or a million empty elements: text up to
     * {@link FeedReader#MAX_FIELD_CHARS} per element and {@link FeedReader#MAX_ITEM_CHARS} in all, elements up
     * to {@link FeedReader#MAX_ITEM_ELEMENTS} and {@link FeedReader#MAX_ITEM_DEPTH} deep; text beyond is
     * dropped, elements beyond are flattened into their ancestor's text.
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
}
