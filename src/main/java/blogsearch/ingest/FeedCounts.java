package blogsearch.ingest;

import blogsearch.feed.Sources;
import blogsearch.ingest.FeedOutcome.Status;
import java.net.URI;
import java.util.List;

/** One feed's counters and remarks while it is read; each feed is handled by one thread. */
final class FeedCounts {
    int added;
    int updated;
    int unchanged;
    int duplicates;
    List<String> repairs = List.of();
    List<String> notes = List.of();

    FeedOutcome outcome(URI location, String title, Status status, String error) {
        return new FeedOutcome(Sources.display(location), title, status, added, updated, unchanged, duplicates,
                error, repairs, notes);
    }
}
