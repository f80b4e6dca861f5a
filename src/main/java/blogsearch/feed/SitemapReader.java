package blogsearch.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads sitemaps (sitemaps.org): a {@code urlset} of pages or a {@code sitemapindex} of further sitemaps, each
 * with its {@code lastmod}; gzipped ones are recognised by their first bytes, whatever they are called.
 */
public final class SitemapReader {
    /** The protocol's own limit of URLs per sitemap; more are not read. */
    static final int MAX_URLS = 50_000;
    /** The protocol's limit on a sitemap's size, 50 MB, with room to spare. */
    static final long MAX_UNZIPPED = 64L * 1024 * 1024;

    /** A page or sitemap the sitemap lists, and when it last changed, if it says. */
    public record Entry(URI loc, Optional<Instant> lastmod) {}

    /** What one sitemap lists: pages (a urlset) or further sitemaps (an index). */
    public record Sitemap(List<Entry> pages, List<Entry> sitemaps) {}

    private SitemapReader() {}

    /** Reads the sitemap in {@code in}; links are kept only on the sitemap's own host, as the protocol asks. */
    public static Sitemap read(InputStream in, URI location) {
        List<Entry> pages = new ArrayList<>();
        List<Entry> sitemaps = new ArrayList<>();
        XMLStreamReader xr = null;
        try {
            BufferedInputStream buffered = new BufferedInputStream(gunzipped(in), 1 << 16);
            String root = Sources.rootElement(buffered);
            if (!root.equals("urlset") && !root.equals("sitemapindex")) {
                throw new FeedReader.FeedError("not a sitemap (root element <" + root + ">)", 0, null);
            }
            xr = FeedReader.XML.createXMLStreamReader(new XmlCharFilter(FeedReader.decode(buffered, null)));
            String element = "";
            String loc = "";
            String lastmod = "";
            StringBuilder text = new StringBuilder();
            while (xr.hasNext() && pages.size() + sitemaps.size() < MAX_URLS) {
                int event = xr.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xr.getLocalName();
                    if (name.equals("url") || name.equals("sitemap")) {
                        element = name;
                        loc = "";
                        lastmod = "";
                    }
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (text.length() < FeedReader.MAX_URL_CHARS) {
                        text.append(xr.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xr.getLocalName();
                    if (name.equals("loc")) {
                        loc = text.toString().strip();
                    } else if (name.equals("lastmod")) {
                        lastmod = text.toString().strip();
                    } else if (name.equals(element)) {
                        String url = ItemFields.absolute(loc, location);
                        if (!url.isEmpty() && sameHost(URI.create(url), location)) {
                            Entry e = new Entry(URI.create(url), IsoDates.parse(lastmod));
                            (name.equals("url") ? pages : sitemaps).add(e);
                        }
                        element = "";
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new FeedReader.FeedError(FeedReader.xmlError("invalid sitemap", e), 0, e);
        } catch (IOException e) {
            throw new FeedReader.FeedError("cannot read sitemap: " + e.getMessage(), 0, e);
        } finally {
            if (xr != null) {
                try {
                    xr.close();
                } catch (XMLStreamException ignored) {
                    // the stream is closed by whoever opened it
                }
            }
        }
        return new Sitemap(List.copyOf(pages), List.copyOf(sitemaps));
    }

    /** A host and its www. twin count as one: sites list either. */
    static boolean sameHost(URI a, URI b) {
        if (!"file".equalsIgnoreCase(b.getScheme()) && (a.getHost() == null || b.getHost() == null)) {
            return false;
        }
        if ("file".equalsIgnoreCase(b.getScheme())) {
            return true;
        }
        return a.getHost().replaceFirst("^www\\.", "").equalsIgnoreCase(b.getHost().replaceFirst("^www\\.", ""));
    }

    private static InputStream gunzipped(InputStream in) throws IOException {
        BufferedInputStream b = in instanceof BufferedInputStream bi ? bi : new BufferedInputStream(in);
        b.mark(2);
        int first = b.read();
        int second = b.read();
        b.reset();
        if (first != 0x1f || second != 0x8b) {
            return b;
        }
        // A small gzip file may expand without limit: what it expands to is capped like any download.
        return new java.io.FilterInputStream(new GZIPInputStream(b, 1 << 16)) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count += Math.max(n, 0);
                if (count > MAX_UNZIPPED) {
                    throw new IOException("gzipped sitemap expands to more than " + (MAX_UNZIPPED >> 20) + " MB");
                }
                return n;
            }
        };
    }
}
