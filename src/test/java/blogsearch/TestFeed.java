package blogsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** An RSS 2.0 feed written by a test: items with known guids, titles, dates, tags and text. */
public final class TestFeed {
    /** One item; {@code published} may be null (no pubDate). */
    public record Item(String guid, String title, Instant published, String text, List<String> tags) {}

    private final String title;
    private final String link;
    private final List<Item> items = new ArrayList<>();

    private TestFeed(String title, String link) {
        this.title = title;
        this.link = link;
    }

    /** A feed with this title whose site is {@code link}; item guids are made global URLs under it. */
    public static TestFeed rss(String title, String link) {
        return new TestFeed(title, link);
    }

    /** Adds an item whose guid is {@code link + "/" + slug}. */
    public TestFeed item(String slug, String title, Instant published, String text, String... tags) {
        items.add(new Item(link + "/" + slug, title, published, text, List.of(tags)));
        return this;
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public String xml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
        x.append("  <title>").append(escape(title)).append("</title>\n");
        x.append("  <link>").append(escape(link)).append("</link>\n");
        x.append("  <description>test feed</description>\n");
        for (Item i : items) {
            x.append("  <item>\n");
            x.append("    <title>").append(escape(i.title())).append("</title>\n");
            x.append("    <link>").append(escape(i.guid())).append("</link>\n");
            x.append("    <guid isPermaLink=\"true\">").append(escape(i.guid())).append("</guid>\n");
            if (i.published() != null) {
                x.append("    <pubDate>")
                        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(i.published().atOffset(ZoneOffset.UTC)))
                        .append("</pubDate>\n");
            }
            for (String tag : i.tags()) {
                x.append("    <category>").append(escape(tag)).append("</category>\n");
            }
            x.append("    <description>").append(escape("<p>" + escape(i.text()) + "</p>")).append("</description>\n");
            x.append("  </item>\n");
        }
        return x.append("</channel>\n</rss>\n").toString();
    }

    /** Writes the feed to {@code file}, creating folders; returns the file. */
    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, xml(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
