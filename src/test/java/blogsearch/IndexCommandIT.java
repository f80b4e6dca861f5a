package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index command in a JVM of its own, where the machine it sees can be changed. */
class IndexCommandIT {
    @TempDir
    Path dir;

    @Test
    void theDefaultThreadCountWorksOnAMachineWithMoreThan64Cores() throws Exception {
        Path feed = TestFeed.rss("Cores", "https://cores.example")
                .item("1", "Many cores", Instant.parse("2020-01-01T00:00:00Z"), "Lots of them.")
                .write(dir.resolve("feed.xml"));

        ChildJvm run = ChildJvm.start(dir.resolve("logs"), List.of("-XX:ActiveProcessorCount=96"),
                "index", "--offline", "--index", dir.resolve("index").toString(), feed.toString());

        assertThat(run.exitCode(60)).as("%s", run).isZero();
        assertThat(run.stdout()).contains("1 added");
    }

    /**
     * An archive of a whole blog is larger than the 64 MB a download may be (10,000 posts make about 80 MB): a
     * file the user names is read whatever its size, streaming, in a heap smaller than the file.
     */
    @Test
    void aLocalFeedLargerThanTheDownloadCapIsIndexedInAHeapSmallerThanIt() throws Exception {
        Path feed = dir.resolve("archive.xml");
        int posts = 2_000;
        String paragraph = "<p>Notes from the workshop, with measurements, mistakes and what came of them. </p>";
        try (Writer out = Files.newBufferedWriter(feed, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                    + "<title>Archive</title><link>https://archive.example/</link>"
                    + "<description>all of it</description>\n");
            for (int i = 0; i < posts; i++) {
                out.write("<item><title>Post " + i + "</title><link>https://archive.example/" + i + "</link>"
                        + "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description><![CDATA[");
                // Most of each post is markup around a few words (as themes write it): cheap to index, long to read.
                out.write(("<div class=\"post-body\"><span>" + i + "</span>"
                        + "<!-- " + "layout ".repeat(60) + "-->" + "</div>").repeat(80));
                out.write(paragraph);
                out.write("]]></description></item>\n");
            }
            out.write("</channel></rss>\n");
        }
        assertThat(Files.size(feed)).isGreaterThan(70L * 1024 * 1024);

        // Words only: the embedding model alone needs more than this heap.
        ChildJvm run = ChildJvm.start(dir.resolve("logs"), List.of("-Xmx64m"),
                "index", "--offline", "--no-semantic", "--index", dir.resolve("index").toString(), feed.toString());

        assertThat(run.exitCode(120)).as("%s", run).isZero();
        assertThat(run.stdout()).contains(String.format("%,d added", posts)).contains("0 failed");
    }
}
