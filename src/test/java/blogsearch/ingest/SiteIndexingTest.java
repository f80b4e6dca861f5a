package blogsearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.bench.BlogSite;
import blogsearch.bench.BlogSiteServer;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.search.LuceneEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blogs indexed by their address and as built folders, through the indexing pipeline into a real index. */
class SiteIndexingTest {
    static final BlogSite SITE = new BlogSite(300);
    static BlogSiteServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() {
        server = new BlogSiteServer(SITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Summary run(List<String> sources, String baseUrl) {
        Indexer.Options options = new Indexer.Options(2, Duration.ofSeconds(2), false, false)
                .withSites(Duration.ZERO, 100, 10_000, baseUrl);
        try (LuceneEngine engine = LuceneEngine.open(dir.resolve("index"))) {
            return new Indexer(engine, options, Indexer.Listener.NONE).run(sources);
        }
    }

    private Map<String, Post> posts() throws IOException {
        Map<String, Post> byUrl = new HashMap<>();
        try (PostIndex index = PostIndex.openReadOnly(dir.resolve("index"))) {
            IndexSearcher s = index.acquire();
            try {
                StoredFields stored = s.storedFields();
                for (ScoreDoc d : s.search(new TermQuery(PostSchema.postType()), 100_000).scoreDocs) {
                    Post p = PostSchema.toPost(stored.document(d.doc));
                    assertThat(byUrl.put(p.url(), p)).as("indexed twice: " + p.url()).isNull();
                }
            } finally {
                index.release(s);
            }
        }
        return byUrl;
    }

    private static void assertEveryPost(Map<String, Post> posts, String base) {
        assertThat(posts).hasSize(SITE.posts().size());
        for (BlogSite.Post p : SITE.posts()) {
            Post got = posts.get(base + p.path());
            assertThat(got).as(p.path()).isNotNull();
            assertThat(List.of(got.title(), got.author(), got.published().orElseThrow(), got.tags()))
                    .as(p.path()).isEqualTo(List.of(p.title(), p.author(), p.published(), p.tags()));
            assertThat(got.text()).as(p.path()).contains("marker" + p.n() + "x")
                    .doesNotContain(BlogSite.BOILERPLATE_WORDS);
        }
    }

    @Test
    void aBlogsAddressIndexesEveryPostOnceAndARerunCostsOnlyConditionalRequests() throws IOException {
        server.resetCounts();
        Summary first = run(List.of(server.base() + "/"), "");
        assertThat(first.ok()).as(first.failures().toString()).isTrue();
        assertThat(first.added()).isEqualTo(300);
        assertThat(first.sources()).singleElement().satisfies(o -> assertThat(o.notes())
                .anyMatch(n -> n.startsWith("feed " + server.base() + "/feed.json (JSON Feed")));
        assertEveryPost(posts(), server.base());
        assertThat(server.paths()).noneMatch(p -> p.startsWith("/private/"));
        int firstRequests = server.requests();

        server.resetCounts();
        Summary second = run(List.of(server.base() + "/"), "");

        assertThat(second.added() + second.updated()).isZero();
        assertThat(second.feedsUnchanged()).isEqualTo(1);
        assertThat(server.requests()).as("re-run requests (first run: %d)", firstRequests).isLessThanOrEqualTo(5);
        assertThat(server.conditionalRequests()).isEqualTo(server.requests());
        assertThat(posts()).hasSize(300);
    }

    @Test
    void aBuiltFolderIndexesEveryPostAndIsNotReadAgainUnchanged() throws IOException {
        Path site = dir.resolve("_site");
        SITE.write(site, server.base());
        Summary summary = run(List.of(site.toString()), "");
        assertThat(summary.ok()).isTrue();
        assertThat(summary.added()).isEqualTo(300);
        Map<String, Post> fromFolder = posts();
        assertEveryPost(fromFolder, server.base());

        Summary again = run(List.of(site.toString()), "");
        assertThat(again.feedsUnchanged()).isEqualTo(1);
        assertThat(again.added() + again.updated()).isZero();
    }

    @Test
    void aBlogByItsAddressThenByItsBuiltFolderIsEachPostOnce() throws IOException {
        Path site = dir.resolve("_site");
        SITE.write(site, server.base());
        run(List.of(server.base() + "/"), "");

        Summary folder = run(List.of(site.toString()), "");

        assertThat(folder.added()).isZero();
        assertEveryPost(posts(), server.base());
    }

    @Test
    void aBlogByItsBuiltFolderThenByItsAddressIsEachPostOnceTheFeedsVersionWhereItHasOne() throws IOException {
        Path site = dir.resolve("_site");
        SITE.write(site, server.base());
        run(List.of(site.toString()), "");

        Summary address = run(List.of(server.base() + "/"), "");

        assertThat(address.added()).isZero();
        assertEveryPost(posts(), server.base());
        Summary again = run(List.of(site.toString(), server.base() + "/"), "");
        assertThat(again.added() + again.updated()).isZero();
        assertThat(posts()).hasSize(SITE.posts().size());
    }

    @Test
    void aFolderWithoutCanonicalLinksTakesItsUrlsFromTheBaseUrl() throws IOException {
        Path site = dir.resolve("public");
        SITE.write(site, server.base());
        for (BlogSite.Post p : SITE.posts().subList(0, 3)) {
            Path page = site.resolve(p.path().substring(1)).resolve("index.html");
            Files.writeString(page, Files.readString(page).replaceAll("<link rel=\"canonical\"[^>]*>", ""));
        }
        run(List.of(site.toString()), "https://blog.example/");
        Map<String, Post> posts = posts();
        assertThat(posts).containsKey("https://blog.example" + SITE.posts().get(0).path());
        assertThat(posts).hasSize(300);
    }
}
