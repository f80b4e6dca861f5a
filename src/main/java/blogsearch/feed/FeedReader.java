package blogsearch.feed;

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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds as a stream of {@link FeedEntry}s (JSON Feeds go to
 * {@link JsonFeedReader}).
 *
 * <p>Rome parses whole documents, so a large feed would sit in memory at once. Instead a StAX pass cuts
 * the feed into small documents (the feed's own header plus {@value #CHUNK_ITEMS} items) and Rome parses
 * each ({@link FeedChunker}); each entry's fields are then read and cleaned ({@link ItemFields}). The StAX
 * parser never reads DTDs or external entities; entity-bomb and XXE payloads fail as "undeclared entity". A
 * feed that breaks off midway keeps the items before the break.
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
        FeedChunker chunker = new FeedChunker(location, sink);
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

    /** {@code s} on one line, runs of white space as one space. */
    static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s+", " ").strip();
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
