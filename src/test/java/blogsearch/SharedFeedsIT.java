package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.feed.FeedReader;
import blogsearch.feed.Fetcher;
import blogsearch.index.Indexer;
import blogsearch.index.Indexer.FeedOutcome;
import blogsearch.index.Indexer.Status;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every file of the shared sample feeds (every RSS and Atom version, OPML lists, module extensions, odd cases),
 * indexed offline. Each feed file's posts are accounted for against a count of its items made here with the
 * JDK's DOM parser, independently of Rome and of our feed reader.
 */
class SharedFeedsIT {
    private static final Path SHARED_FEEDS = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolveSibling("shared").resolve("feeds").normalize();

    @TempDir
    Path dir;

    @Test
    void everyItemOfEverySharedFeedIsIndexedOnceOrReportedWithAReason() throws Exception {
        assertThat(SHARED_FEEDS).as("the shared feeds beside the project").isDirectory();
        List<FeedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        Indexer.Summary summary;
        try (PostIndex index = PostIndex.open(dir.resolve("index"));
                Fetcher fetcher = new Fetcher(Fetcher.Options.defaults().offline())) {
            // One thread: feeds are read in folder order, so which copy of a shared post comes first is known.
            Indexer indexer = new Indexer(index, fetcher, new Indexer.Options(1, Indexer.Options.defaults()
                    .commitInterval(), false), new Indexer.Listener() {
                        @Override
                        public void feedDone(FeedOutcome outcome, int done, int total, long posts) {
                            outcomes.add(outcome);
                        }
                    });
            summary = indexer.run(List.of(SHARED_FEEDS.toString()));
        }

        Map<Path, Integer> items = new LinkedHashMap<>();
        List<Path> lists = new ArrayList<>();
        List<Path> notFeeds = new ArrayList<>();
        for (Path file : feedFiles()) {
            switch (kind(file)) {
                case "feed" -> items.put(file, countItems(file));
                case "opml" -> lists.add(file);
                default -> notFeeds.add(file);
            }
        }

        // Every file gave exactly one outcome, named after it; every failure says why in one line.
        for (Path file : feedFiles()) {
            assertThat(outcomesOf(outcomes, file)).as("outcomes of %s", file).hasSize(1);
        }
        for (FeedOutcome o : summary.failures()) {
            assertThat(o.error()).as("reason for %s", o.source()).isNotBlank().doesNotContain("\n")
                    .doesNotContain("unexpected error");
            assertThat(o.source()).isNotBlank();
        }
        for (FeedOutcome o : outcomes) {
            if (o.source().startsWith("http")) {
                assertThat(o.status()).as("%s", o).isEqualTo(Status.FAILED);
                assertThat(o.error()).contains("offline");
            }
        }
        for (Path file : notFeeds) {
            assertThat(outcomesOf(outcomes, file).get(0).status()).as("%s", file).isEqualTo(Status.FAILED);
        }
        for (Path file : lists) {
            assertThat(outcomesOf(outcomes, file).get(0).status()).as("%s", file).isIn(Status.LIST, Status.FAILED);
        }

        // Every feed file: each of its items was indexed, or skipped as a post already indexed in this run. Which
        // items are the same post is decided by their ids, taken from our feed reader file by file.
        Set<String> earlier = new HashSet<>();
        for (Map.Entry<Path, Integer> e : items.entrySet()) {
            Path file = e.getKey();
            FeedOutcome o = outcomesOf(outcomes, file).get(0);
            assertThat(o.status()).as("%s", o).isEqualTo(Status.INDEXED);
            assertThat(o.added() + o.duplicates()).as("items of %s", file).isEqualTo(e.getValue());
            List<String> ids = idsIn(file);
            assertThat(ids).as("entries read from %s", file).hasSize(e.getValue());
            Set<String> fresh = new LinkedHashSet<>(ids);
            fresh.removeAll(earlier);
            assertThat(o.added()).as("posts of %s not seen in an earlier file or earlier in it", file)
                    .isEqualTo(fresh.size());
            earlier.addAll(ids);
        }
        assertThat(indexedIds()).isEqualTo(earlier);
        assertThat(summary.added()).isEqualTo(earlier.size());
        assertThat(summary.feedsIndexed()).isEqualTo(items.size());
        assertThat(summary.skippedFiles()).as("files without a feed extension").isEqualTo(allFiles() - feedFiles().size());
    }

    /** Files the indexer takes for feeds from a folder, in the order it reads them. */
    private static List<Path> feedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SHARED_FEEDS)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(xml|rss|atom|rdf|opml|feed)"))
                    .sorted().toList();
        }
    }

    private static int allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SHARED_FEEDS)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }

    private static List<FeedOutcome> outcomesOf(List<FeedOutcome> outcomes, Path file) {
        synchronized (outcomes) {
            return outcomes.stream().filter(o -> Path.of(o.source()).toAbsolutePath().normalize().equals(file)).toList();
        }
    }

    /** "feed", "opml", or "other" (HTML, broken XML), by the document's root element. */
    private static String kind(Path file) {
        Element root = parse(file);
        if (root == null) {
            return "other";
        }
        return switch (root.getLocalName()) {
            case "rss", "RDF", "feed" -> "feed";
            case "opml" -> "opml";
            default -> "other";
        };
    }

    /**
     * Items as the formats define them: RSS items in the channel (0.91 to 2.0) or beside it (0.90, 1.0);
     * Atom entries in the feed.
     */
    private static int countItems(Path file) {
        Element root = parse(file);
        String item = root.getLocalName().equals("feed") ? "entry" : "item";
        int n = 0;
        for (Element child : children(root)) {
            if (child.getLocalName().equals(item)) {
                n++;
            } else if (child.getLocalName().equals("channel")) {
                n += (int) children(child).stream().filter(c -> c.getLocalName().equals(item)).count();
            }
        }
        return n;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            // Blank lines or a comment before the XML declaration are harmless and our reader takes them;
            // the DOM parser refuses them, so the document is handed over from its declaration on.
            byte[] bytes = Files.readAllBytes(file);
            int start = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1).indexOf("<?xml");
            start = Math.max(start, 0);
            return b.parse(new ByteArrayInputStream(bytes, start, bytes.length - start)).getDocumentElement();
        } catch (Exception e) {
            return null;
        }
    }

    /** The post ids our feed reader gives the file's entries, in order, repeats included. */
    private static List<String> idsIn(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        URI location = file.toAbsolutePath().normalize().toUri();
        try (InputStream in = Files.newInputStream(file)) {
            FeedReader.read(in, null, location, entry -> ids.add(entry.id()));
        }
        return ids;
    }

    private Set<String> indexedIds() throws IOException {
        try (PostIndex index = PostIndex.openReadOnly(dir.resolve("index"))) {
            IndexSearcher s = index.acquire();
            try {
                Set<String> ids = new HashSet<>();
                for (ScoreDoc sd : s.search(new TermQuery(PostSchema.postType()), 100_000).scoreDocs) {
                    ids.add(s.storedFields().document(sd.doc).get(PostSchema.ID));
                }
                return ids;
            } finally {
                index.release(s);
            }
        }
    }
}
