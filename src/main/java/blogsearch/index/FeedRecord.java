package blogsearch.index;

import blogsearch.feed.FetchState;
import java.time.Instant;

/** What the index remembers of a feed read in full. */
public record FeedRecord(String location, String title, FetchState state, Instant fetched) {}
