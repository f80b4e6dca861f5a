package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.feed.FeedReader;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.ingest.FeedOutcome;
import blogsearch.ingest.FeedOutcome.Status;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.search.LuceneEngine;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Feed files indexed offline, each item accounted for against a count made with the JDK's DOM parser,
 * independently of Rome and of our feed reader.
 */
final class FeedAccounting {
    /** A run's summary and the outcome of every feed, list and unusable source, in the order they were done. */
    record Run(Summary summary, List<FeedOutcome> outcomes) {
        /** The outcomes whose source is {@code file}. */
        List<FeedOutcome> of(Path file) {
            Path f = file.toAbsolutePath().normalize();
            return outcomes.stream().filter(o -> Path.of(o.source()).toAbsolutePath().normalize().equals(f)).toList();
        }
    }

    private FeedAccounting() {}

    /** Indexes {@code sources} into a new index in {@code indexDir}, offline, on one thread: in a known order. */
    static Run index(Path indexDir, List<String> sources) throws IOException {
        List<FeedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (PostIndex index = PostIndex.open(indexDir)) {
            Indexer indexer = new Indexer(new LuceneEngine(index), new Indexer.Options(1, Indexer.Options.defaults()
                    .commitInterval(), false, true), new Indexer.Listener() {
                        @Override
                        public void feedDone(FeedOutcome outcome, int done, int total, long posts) {
                            outcomes.add(outcome);
                        }
                    });
            Summary summary = indexer.run(sources);
            return new Run(summary, List.copyOf(outcomes));
        }
    }

    /**
     * Asserts that each feed file, in the order the run read them, was indexed, and that each of its items (as many
     * as the DOM count says) was added or skipped as a post already indexed in this run; which items are the same
     * post is decided by their ids, taken from our feed reader file by file. Then the index holds exactly those
     * posts. {@code items} maps each feed file to its DOM count.
     */
    static void assertEveryItemIndexedOnce(Run run, Map<Path, Integer> items, Path indexDir) throws IOException {
        Set<String> earlier = new HashSet<>();
        for (Map.Entry<Path, Integer> e : items.entrySet()) {
            Path file = e.getKey();
            List<FeedOutcome> outcomes = run.of(file);
            assertThat(outcomes).as("outcomes of %s", file).hasSize(1);
            FeedOutcome o = outcomes.getFirst();
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
        assertThat(indexedIds(indexDir)).isEqualTo(earlier);
        assertThat(run.summary().added()).isEqualTo(earlier.size());
        assertThat(run.summary().feedsIndexed()).isEqualTo(items.size());
    }

    /** "feed", "opml", or "other" (HTML, broken XML), by the document's root element. */
    static String kind(Path file) {
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
    static int countItems(Path file) {
        Element root = parse(file);
        assertThat(root).as("%s parsed by the DOM parser", file).isNotNull();
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

    /** The document's root element, or null if the DOM parser refuses the file. */
    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            // JDK 24 and later cap what entity references add up to (every &lt; and &amp; counts) at 100,000
            // characters, which a feed of escaped HTML passes; the caps on how many entities expand stay.
            f.setAttribute("jdk.xml.maxGeneralEntitySizeLimit", "0");
            f.setAttribute("jdk.xml.totalEntitySizeLimit", "0");
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

    private static Set<String> indexedIds(Path indexDir) throws IOException {
        try (PostIndex index = PostIndex.openReadOnly(indexDir)) {
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
