package blogsearch.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns what a user names (feed files, folders, OPML lists, http(s) URLs) into feed locations.
 * OPML lists are recognized by content, wherever they come from, and expanded when read. A folder that is a built
 * site ({@link SiteFolder#isBuiltSite}) is one location, read as a site; any other folder gives its feed files.
 */
public final class Sources {
    /** Files in a folder are taken for feeds only with these extensions; others are counted as skipped. */
    static final Set<String> FEED_EXTENSIONS = Set.of("xml", "rss", "atom", "rdf", "opml", "feed");
    /** A URL's scheme, as in "ftp://": never a file name, which names no scheme before "//". */
    private static final Pattern OTHER_SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*)://");
    private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z_][-\\w.]*:)?([A-Za-z_][-\\w.]*)");

    /** Feed locations found, sources that could not be used, and folder files skipped as not feeds. */
    public record Expansion(List<URI> feeds, List<Problem> problems, int skippedFiles) {}

    /** A source that could not be used, and why. */
    public record Problem(String source, String reason) {}

    private Sources() {}

    /** Expands sources as given on a command line, in order, without duplicates. */
    public static Expansion expand(List<String> sources) {
        Set<URI> feeds = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        int skipped = 0;
        for (String source : sources) {
            String s = source.strip();
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    URI uri = new URI(s);
                    if (uri.getHost() == null) {
                        throw new URISyntaxException(s, "no host");
                    }
                    feeds.add(uri);
                } catch (URISyntaxException e) {
                    problems.add(new Problem(source, "not a valid URL: " + e.getReason()));
                }
                continue;
            }
            Matcher scheme = OTHER_SCHEME.matcher(lower);
            if (scheme.lookingAt() && !lower.startsWith("file:")) {
                problems.add(new Problem(source, "unsupported scheme '" + scheme.group(1)
                        + "': only files, http and https"));
                continue;
            }
            Path path = lower.startsWith("file:") ? pathOf(s) : Path.of(s);
            if (path == null || !Files.exists(path)) {
                problems.add(new Problem(source, "no such file, folder or URL"));
            } else if (Files.isDirectory(path) && SiteFolder.isBuiltSite(path)) {
                feeds.add(path.toAbsolutePath().normalize().toUri());
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    List<Path> files = walk.filter(Files::isRegularFile).filter(p -> !hidden(path, p)).sorted().toList();
                    for (Path f : files) {
                        if (FEED_EXTENSIONS.contains(extension(f))) {
                            feeds.add(f.toAbsolutePath().normalize().toUri());
                        } else {
                            skipped++;
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new Problem(source, "cannot read folder: " + e.getMessage()));
                }
            } else {
                feeds.add(path.toAbsolutePath().normalize().toUri());
            }
        }
        return new Expansion(List.copyOf(feeds), problems, skipped);
    }

    /**
     * The local name of the first element of the document starting in {@code in}, lower-cased, or "" if
     * none shows in its first 4 KB; the stream is left where it was. Tells feeds, OPML lists and HTML apart.
     */
    public static String rootElement(BufferedInputStream in) throws IOException {
        in.mark(8192);
        byte[] head = in.readNBytes(4096);
        in.reset();
        String text = new String(head, StandardCharsets.ISO_8859_1).replace("\0", "");
        // A DOCTYPE's internal subset may hold markup of its own ("<!ENTITY x '<html>'>"): skip it whole.
        Matcher m = FIRST_ELEMENT.matcher(
                text.replaceAll("(?si)<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE[^>\\[]*(\\[.*?\\]\\s*)?>", ""));
        return m.find() ? m.group(2).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * The feeds an OPML list subscribes to: every outline's xmlUrl (else its htmlUrl, a blog's address), relative ones
     * resolved against the list.
     */
    public static List<URI> outlines(InputStream in, URI list) {
        Set<URI> feeds = new LinkedHashSet<>();
        XMLStreamReader xr = null;
        try {
            BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
            xr = FeedReader.XML.createXMLStreamReader(new XmlCharFilter(FeedReader.decode(buffered, null)));
            while (xr.hasNext()) {
                if (xr.next() == XMLStreamConstants.START_ELEMENT && xr.getLocalName().equals("outline")) {
                    String url = xr.getAttributeValue(null, "xmlUrl");
                    if (url == null) {
                        url = xr.getAttributeValue(null, "xmlurl");
                    }
                    if (url == null || url.isBlank()) {
                        url = xr.getAttributeValue(null, "htmlUrl"); // a blog named by its address alone
                    }
                    if (url != null && !url.isBlank()) {
                        URI resolved = resolve(list, url.strip());
                        if (resolved != null) {
                            feeds.add(resolved);
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new FeedReader.FeedError(FeedReader.xmlError("invalid OPML", e), 0, e);
        } catch (IOException e) {
            throw new FeedReader.FeedError("cannot read OPML: " + e.getMessage(), 0, e);
        } finally {
            if (xr != null) {
                try {
                    xr.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
        if (feeds.isEmpty()) {
            throw new FeedReader.FeedError("OPML list names no feeds (no outline has an xmlUrl or htmlUrl)", 0, null);
        }
        return List.copyOf(feeds);
    }

    /** How a location is shown to the user: files relative to the working folder when inside it. */
    public static String display(URI location) {
        if (!"file".equalsIgnoreCase(location.getScheme())) {
            return location.toString();
        }
        Path file = Path.of(location);
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    private static URI resolve(URI list, String url) {
        try {
            URI u = new URI(url.replace(" ", "%20"));
            if (!u.isAbsolute()) {
                u = list.resolve(u);
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            // A list from the web may only name web feeds: it must not reach into the reader's own files.
            boolean remoteList = !"file".equalsIgnoreCase(list.getScheme());
            if (scheme.equals("file")) {
                return remoteList ? null : u;
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            // Nor may a list on a public host point the server at loopback or private addresses (SSRF).
            if (remoteList && !Fetcher.isPrivate(list) && Fetcher.isPrivate(u)) {
                return null;
            }
            return u;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Path pathOf(String fileUri) {
        try {
            return Path.of(new URI(fileUri));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String extension(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
