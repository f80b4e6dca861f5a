package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

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
}
