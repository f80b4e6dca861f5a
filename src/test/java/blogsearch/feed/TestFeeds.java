package blogsearch.feed;

import blogsearch.post.Post;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Feeds for tests: the bundled sample blog, fixtures under src/test/resources/feeds, and feeds written inline. */
final class TestFeeds {
    /** The sample blog the project ships (and indexes on first run). */
    static final Path SAMPLE_BLOG = Path.of("index-data", "feeds", "fewbar.xml");
    static final URI SITE = URI.create("https://blog.example/feed.xml");

    /** A feed as read: what it says about itself and every entry, in order. */
    record Read(FeedReader.FeedInfo info, List<FeedEntry> entries) {
        FeedEntry first() {
            return entries.getFirst();
        }

        List<Post> posts() {
            return entries.stream().map(FeedEntry::toPost).toList();
        }
    }

    private TestFeeds() {}

    static Read read(String xml) {
        return read(xml, SITE);
    }

    static Read read(String xml, URI location) {
        return read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), location);
    }

    static Read read(Path file) {
        return read(file, file.toAbsolutePath().toUri());
    }

    /** Reads a file as if it had been fetched from {@code location}. */
    static Read read(Path file, URI location) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Read read(InputStream in, URI location) {
        List<FeedEntry> entries = new ArrayList<>();
        FeedReader.FeedInfo info = FeedReader.read(in, null, location, entries::add);
        return new Read(info, entries);
    }

    /** The fixture src/test/resources/feeds/{name}, read as if fetched from https://feeds.example/{name}. */
    static Read fixture(String name) {
        return read(resource("feeds/" + name), URI.create("https://feeds.example/" + name));
    }

    /** A test resource under src/test/resources. */
    static Path resource(String name) {
        try {
            return Path.of(TestFeeds.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource " + name, e);
        }
    }

    /** An RSS 2.0 feed around {@code items}, with the content and Dublin Core namespaces declared. */
    static String rss(String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
                  <channel>
                    <title>Example Blog</title>
                    <link>https://blog.example/</link>
                    <description>Posts</description>
                """ + items + """
                  </channel>
                </rss>
                """;
    }

    /** An Atom 1.0 feed around {@code entries}. */
    static String atom(String entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Example Atom</title>
                  <id>https://atom.example/</id>
                  <link rel="alternate" href="https://atom.example/"/>
                  <updated>2024-01-01T00:00:00Z</updated>
                """ + entries + """
                </feed>
                """;
    }
}
