package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.feed.Sources;
import blogsearch.ingest.FeedOutcome;
import blogsearch.ingest.FeedOutcome.Status;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real blogs' feeds as their generators wrote them (../shared/feeds/real), indexed offline through the OPML
 * blogroll that lists them all, each feed's posts accounted for by {@link FeedAccounting}.
 */
@ExtendWith(SharedCorpus.class)
class RealBlogsIT {
    private static final Path REAL = SharedCorpus.FEEDS.resolve("real");

    @TempDir
    Path dir;

    @Test
    void everyBlogOfTheBlogrollIsIndexedWithEveryOneOfItsPosts() throws Exception {
        Path blogroll = REAL.resolve("blogroll.opml");
        List<URI> blogs;
        try (Stream<Path> files = Files.list(REAL)) {
            blogs = files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted()
                    .map(f -> f.toAbsolutePath().normalize().toUri()).toList();
        }
        // The list names each feed by its file name: read from a file, a relative xmlUrl is a file beside the list.
        try (InputStream in = Files.newInputStream(blogroll)) {
            assertThat(Sources.outlines(in, blogroll.toUri())).as("the feeds the blogroll lists")
                    .containsExactlyInAnyOrderElementsOf(blogs);
        }

        FeedAccounting.Run run = FeedAccounting.index(dir.resolve("index"), List.of(blogroll.toString()));

        assertThat(run.of(blogroll)).extracting(FeedOutcome::status).containsExactly(Status.LIST);
        assertThat(run.summary().failures()).isEmpty();
        assertThat(run.summary().feedsFailed()).isZero();
        // One thread reads the feeds one after another: the outcomes give the order that decides duplicates.
        Map<Path, Integer> items = new LinkedHashMap<>();
        for (FeedOutcome o : run.outcomes()) {
            if (o.status() != Status.LIST) {
                Path feed = Path.of(o.source()).toAbsolutePath().normalize();
                items.put(feed, FeedAccounting.countItems(feed));
            }
        }
        assertThat(items.keySet()).extracting(Path::toUri).containsExactlyInAnyOrderElementsOf(blogs);
        assertThat(items).allSatisfy((feed, n) -> assertThat(n).as("items of %s", feed).isPositive());
        FeedAccounting.assertEveryItemIndexedOnce(run, items, dir.resolve("index"));
    }
}
