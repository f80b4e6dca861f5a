package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.feed.FeedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rome's own test feeds (../shared/feeds/rome-fixtures): every RSS and Atom version, module extensions, module
 * fragments, OPML lists and deliberately odd files.
 */
@ExtendWith(SharedCorpus.class)
class RomeFixturesIT {

    @Test
    void everyRomeFixtureIsReadOrRefusedWithAOneLineReason() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedCorpus.FEEDS.resolve("rome-fixtures"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        int read = 0;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                FeedReader.read(in, null, file.toAbsolutePath().toUri(), entry -> entry.toPost());
                read++;
            } catch (FeedReader.FeedError e) {
                assertThat(e.getMessage()).as(file.toString()).isNotBlank().doesNotContain("\n");
            }
        }
        assertThat(read).isGreaterThan(files.size() * 9 / 10);
    }
}
