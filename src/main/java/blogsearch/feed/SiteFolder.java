package blogsearch.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A blog's built static site on disk (Jekyll's {@code _site}, Hugo's {@code public}, any folder of HTML pages),
 * read page by page with the same {@link ArticleExtractor} as a crawled site. A page's URL is its canonical link,
 * else the base URL joined with its path in the folder, else its file URL.
 */
public final class SiteFolder {
    /** What reading a folder did: posts, pages unchanged since last time, pages skipped and why. */
    public record Report(String title, int posts, int pages, int unchanged, Map<String, Integer> skipped,
            List<String> notes) {}

    private SiteFolder() {}

    /**
     * Whether {@code folder} is a built site rather than a folder of feeds: an index.html at its top, or HTML pages
     * and no feed files.
     */
    public static boolean isBuiltSite(Path folder) {
        if (Files.isRegularFile(folder.resolve("index.html"))) {
            return true;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            boolean[] seen = new boolean[2];
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1);
                seen[0] |= ext.equals("html") || ext.equals("htm");
                seen[1] |= Sources.FEED_EXTENSIONS.contains(ext);
            });
            return seen[0] && !seen[1];
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Reads every HTML page under {@code folder}; {@code baseUrl} (may be empty) is where the site is published.
     * Pages whose size and time match what {@code memory} remembers are not read again.
     */
    public static Report read(Path folder, String baseUrl, SiteCrawler.Memory memory, SiteCrawler.Sink sink,
            boolean force) {
        List<Path> pages = htmlPages(folder);
        String base = baseUrl.isEmpty() || baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        String feedUrl = base.isEmpty() ? folder.toUri().toString() : base;
        String title = siteTitle(folder);
        Map<String, Integer> skipped = new TreeMap<>();
        int posts = 0;
        int unchanged = 0;
        for (Path file : pages) {
            if (sink.stopping()) {
                break;
            }
            String relative = folder.relativize(file).toString().replace('\\', '/');
            String key = "file:" + file.toAbsolutePath();
            FetchState state;
            try {
                state = new FetchState("", "", Files.size(file), Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                skipped.merge("unreadable", 1, Integer::sum);
                continue;
            }
            Optional<SiteCrawler.Memo> memo = force ? Optional.empty() : memory.recall(key);
            if (memo.isPresent() && memo.get().state().equals(state)) {
                unchanged++;
                continue;
            }
            URI location = base.isEmpty() ? file.toUri() : URI.create(base).resolve(pretty(relative));
            Article article;
            try {
                article = article(file, relative, location);
            } catch (IOException e) {
                skipped.merge("unreadable", 1, Integer::sum);
                continue;
            }
            // The same post indexed from the blog's address keeps the feed's version, or the id it has there.
            String pageKey = SiteCrawler.pageKey(article.url());
            Optional<SiteCrawler.Memo> page = article.isPost() ? memory.recall(pageKey) : Optional.empty();
            if (SiteCrawler.inFeed(page)) {
                skipped.merge(SiteCrawler.IN_FEED, 1, Integer::sum);
            } else if (article.isPost()) {
                FeedEntry entry = article.toEntry(title, feedUrl);
                Optional<String> earlier = SiteCrawler.postId(page);
                entry = earlier.isPresent() ? entry.withId(earlier.get()) : entry;
                sink.post(entry);
                posts++;
                if (earlier.isEmpty()) {
                    sink.remember(pageKey, new SiteCrawler.Memo(SiteCrawler.POST + entry.id(), FetchState.NONE));
                }
            } else {
                skipped.merge(article.notAPost().get(), 1, Integer::sum);
            }
            sink.remember(key, new SiteCrawler.Memo(article.isPost() ? "post" : "skipped", state));
        }
        List<String> notes = new ArrayList<>();
        notes.add("built site: " + pages.size() + " HTML pages, " + posts + " posts read, " + unchanged
                + " unchanged" + (base.isEmpty() ? "; URLs from canonical links (no --base-url)" : ""));
        if (!skipped.isEmpty()) {
            List<String> why = new ArrayList<>();
            skipped.forEach((reason, n) -> why.add(n + " " + reason));
            notes.add("pages skipped: " + String.join(", ", why));
        }
        return new Report(title, posts, pages.size(), unchanged, Map.copyOf(skipped), List.copyOf(notes));
    }

    /** The HTML pages under {@code folder}, hidden ones left out, in order. */
    private static List<Path> htmlPages(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> !hidden(folder, f))
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.html?"))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new Fetcher.FetchError("cannot read folder: " + e.getMessage());
        }
    }

    /** The post in the page {@code file} (at {@code relative} in the site), served at {@code location}. */
    private static Article article(Path file, String relative, URI location) throws IOException {
        Optional<String> byPath = ArticleExtractor.skipByUrl(URI.create("/" + pretty(relative)));
        if (byPath.isPresent()) {
            return Article.skipped(location.toString(), byPath.get());
        }
        Document doc = Jsoup.parse(file.toFile(), null, location.toString());
        return ArticleExtractor.extract(doc, location);
    }

    /** "posts/a/index.html" as it is served: "posts/a/". */
    private static String pretty(String relative) {
        return relative.equals("index.html") ? "" : relative.replaceFirst("(^|/)index\\.html?$", "$1");
    }

    private static String siteTitle(Path folder) {
        Path index = folder.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return folder.toAbsolutePath().getFileName() == null ? "" : folder.toAbsolutePath().getFileName().toString();
        }
        try {
            Document doc = Jsoup.parse(index.toFile(), null);
            String site = doc.select("meta[property=og:site_name]").attr("content");
            return HtmlText.title(site.isBlank() ? doc.title() : site, false);
        } catch (IOException e) {
            return "";
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
}
