package blogsearch.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an indexing run; {@code repaired} are the feeds read in spite of faults, {@code sources} every
 * one.
 */
public record Summary(int feedsIndexed, int feedsUnchanged, int feedsFailed, long added, long updated,
        long unchanged, long duplicates, int skippedFiles, Duration took, List<FeedOutcome> failures,
        List<FeedOutcome> repaired, List<FeedOutcome> sources) {

    public boolean ok() {
        return feedsFailed == 0;
    }

    /** The URLs an offline run left alone. */
    public List<FeedOutcome> skipped() {
        return sources.stream().filter(o -> o.status() == FeedOutcome.Status.SKIPPED).toList();
    }

    /** The summary of a run whose feeds ended as {@code outcomes}, with the run's post counts. */
    static Summary of(List<FeedOutcome> outcomes, long added, long updated, long unchanged, long duplicates,
            int skippedFiles, Duration took) {
        int ok = 0;
        int same = 0;
        List<FeedOutcome> failures = new ArrayList<>();
        List<FeedOutcome> repaired = new ArrayList<>();
        for (FeedOutcome o : outcomes) {
            if (!o.repairs().isEmpty()) {
                repaired.add(o);
            }
            switch (o.status()) {
                case INDEXED -> ok++;
                case UNCHANGED -> same++;
                case FAILED -> failures.add(o);
                case LIST, SKIPPED -> { }
            }
        }
        return new Summary(ok, same, failures.size(), added, updated, unchanged, duplicates, skippedFiles, took,
                List.copyOf(failures), List.copyOf(repaired), List.copyOf(outcomes));
    }

    /** The summary as {@code index --json} prints it and {@code POST /api/reindex} answers it. */
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feeds_indexed", feedsIndexed);
        m.put("feeds_unchanged", feedsUnchanged);
        m.put("feeds_failed", feedsFailed);
        m.put("feeds_skipped", skipped().size());
        m.put("posts_added", added);
        m.put("posts_updated", updated);
        m.put("posts_unchanged", unchanged);
        m.put("skipped_files", skippedFiles);
        m.put("took_ms", took.toMillis());
        m.put("failures", failures.stream().map(f -> Map.of("source", f.source(), "error", f.error())).toList());
        m.put("skipped", skipped().stream().map(f -> Map.of("source", f.source(), "reason", f.error())).toList());
        m.put("repaired", repaired.stream().map(f -> Map.of("source", f.source(), "repairs", f.repairs())).toList());
        m.put("sources", sources.stream().filter(f -> f.status() != FeedOutcome.Status.LIST).map(f -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("source", f.source());
            one.put("title", f.title());
            one.put("status", f.status().name().toLowerCase(Locale.ROOT));
            one.put("posts_added", f.added());
            one.put("posts_updated", f.updated());
            one.put("posts_unchanged", f.unchanged());
            one.put("notes", f.notes());
            return one;
        }).toList());
        return m;
    }
}
