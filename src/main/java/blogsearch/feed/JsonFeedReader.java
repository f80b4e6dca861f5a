package blogsearch.feed;

import blogsearch.post.PostId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads JSON Feed 1.0 and 1.1 (jsonfeed.org) into the same {@link FeedEntry}s as RSS and Atom: content_html
 * before content_text, summary as the description, author (1.0) or authors (1.1), tags, language (1.1).
 */
public final class JsonFeedReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFeedReader() {}

    /** Whether the document starting in {@code in} is JSON (its first non-blank byte is '{'); the stream is kept. */
    static boolean isJson(BufferedInputStream in) throws IOException {
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '{';
    }

    /** The feed's own next page (JSON Feed's next_url), or "" when it names none. */
    public record Paged(FeedReader.FeedInfo info, String next) {}

    /** Reads the feed and hands every item to {@code sink}; {@code location} resolves relative links. */
    public static Paged read(InputStream in, URI location, Consumer<FeedEntry> sink) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new FeedReader.FeedError("invalid JSON Feed at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), 0, e);
        } catch (IOException e) {
            throw new FeedReader.FeedError("could not read: " + e.getMessage(), 0, e);
        }
        if (root == null || !root.isObject() || !text(root, "version").startsWith("https://jsonfeed.org/version/")) {
            throw new FeedReader.FeedError("not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.x\")",
                    0, null);
        }
        String title = HtmlText.title(text(root, "title"), false);
        String home = ItemFields.absolute(text(root, "home_page_url"), location);
        String self = ItemFields.absolute(text(root, "feed_url"), location);
        String feedKey = !self.isEmpty() ? self : !home.isEmpty() ? home : location.toString();
        String feedAuthor = author(root);
        String feedLanguage = language(text(root, "language"));
        int count = 0;
        for (JsonNode item : root.path("items")) {
            if (!item.isObject()) {
                continue;
            }
            URI base = home.isEmpty() ? location : URI.create(home);
            String url = ItemFields.absolute(text(item, "url"), base);
            if (url.isEmpty()) {
                url = ItemFields.absolute(text(item, "external_url"), base);
            }
            String itemTitle = HtmlText.title(text(item, "title"), false);
            Optional<Instant> published = IsoDates.parse(text(item, "date_published"));
            Optional<Instant> updated = IsoDates.parse(text(item, "date_modified"));
            if (published.isEmpty()) {
                published = updated;
            }
            String guid = text(item, "id");
            String id = PostId.of(feedKey, guid, url, itemTitle, published.map(Instant::toString).orElse(""));
            String html = text(item, "content_html");
            boolean isHtml = !html.isEmpty();
            String content = isHtml ? html : text(item, "content_text");
            String summary = text(item, "summary");
            String author = author(item);
            List<String> tags = new ArrayList<>();
            item.path("tags").forEach(t -> tags.add(t.asText("")));
            String lang = language(text(item, "language"));
            sink.accept(new FeedEntry(id, url, itemTitle, author.isEmpty() ? feedAuthor : author, published, updated,
                    ItemFields.tags(tags), title, feedKey, lang.isEmpty() ? feedLanguage : lang, content,
                    isHtml, summary.isEmpty() ? "" : org.jsoup.nodes.Entities.escape(summary)));
            count++;
        }
        String next = ItemFields.absolute(text(root, "next_url"), location);
        return new Paged(new FeedReader.FeedInfo(title, home, self, count, List.of()), next);
    }

    private static String author(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.path("authors").forEach(a -> names.add(a.path("name").asText("")));
        names.add(node.path("author").path("name").asText(""));
        return names.stream().map(n -> HtmlText.title(n, false)).filter(n -> !n.isBlank()).findFirst().orElse("");
    }

    private static String language(String raw) {
        String lang = raw.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return lang.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*") ? lang : "";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() ? v.asText("") : "";
    }
}
