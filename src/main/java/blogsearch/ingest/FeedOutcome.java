package blogsearch.ingest;

import java.util.List;

/**
 * What happened to one feed, OPML list or unusable source. {@code duplicates} counts the feed's entries
 * skipped because a post with the same id came earlier in this run (in this feed or another); {@code repairs}
 * says what was wrong with a feed that was read all the same; {@code notes} say what a site crawl did (the feed
 * chosen, where its pages stopped, pages skipped and why).
 */
public record FeedOutcome(String source, String title, Status status, int added, int updated, int unchanged,
        int duplicates, String error, List<String> repairs, List<String> notes) {

    public enum Status { INDEXED, UNCHANGED, LIST, FAILED, SKIPPED }
}
