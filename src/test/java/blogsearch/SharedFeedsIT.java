package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.ingest.FeedOutcome;
import blogsearch.ingest.FeedOutcome.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the shared sample feeds (every RSS and Atom version, OPML lists, module extensions, odd cases, real
 * blogs), indexed offline as one folder, each feed file's posts accounted for by {@link FeedAccounting}.
 */
@ExtendWith(SharedCorpus.class)
class SharedFeedsIT {
    @TempDir
    Path dir;

    @Test
    void everyItemOfEverySharedFeedIsIndexedOnceOrReportedWithAReason() throws Exception {
        FeedAccounting.Run run = FeedAccounting.index(dir.resolve("index"), List.of(SharedCorpus.FEEDS.toString()));

        Map<Path, Integer> items = new LinkedHashMap<>();
        List<Path> lists = new ArrayList<>();
        List<Path> notFeeds = new ArrayList<>();
        for (Path file : feedFiles()) {
            switch (FeedAccounting.kind(file)) {
                case "feed" -> items.put(file, FeedAccounting.countItems(file));
                case "opml" -> lists.add(file);
                default -> notFeeds.add(file);
            }
        }

        // Every file gave exactly one outcome, named after it; every failure says why in one line.
        for (Path file : feedFiles()) {
            assertThat(run.of(file)).as("outcomes of %s", file).hasSize(1);
        }
        for (FeedOutcome o : run.summary().failures()) {
            assertThat(o.error()).as("reason for %s", o.source()).isNotBlank().doesNotContain("\n")
                    .doesNotContain("unexpected error");
            assertThat(o.source()).isNotBlank();
        }
        for (FeedOutcome o : run.outcomes()) {
            if (o.source().startsWith("http")) {
                assertThat(o.status()).as("%s", o).isEqualTo(Status.SKIPPED);
                assertThat(o.error()).contains("offline");
            }
        }
        for (Path file : notFeeds) {
            assertThat(run.of(file).getFirst().status()).as("%s", file).isEqualTo(Status.FAILED);
        }
        for (Path file : lists) {
            assertThat(run.of(file).getFirst().status()).as("%s", file).isIn(Status.LIST, Status.FAILED);
        }
        FeedAccounting.assertEveryItemIndexedOnce(run, items, dir.resolve("index"));
        assertThat(run.summary().skippedFiles()).as("files without a feed extension")
                .isEqualTo(allFiles() - feedFiles().size());
    }

    /** Files the indexer takes for feeds from a folder, in the order it reads them. */
    private static List<Path> feedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SharedCorpus.FEEDS)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(xml|rss|atom|rdf|opml|feed)"))
                    .sorted().toList();
        }
    }

    private static int allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SharedCorpus.FEEDS)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }
}
