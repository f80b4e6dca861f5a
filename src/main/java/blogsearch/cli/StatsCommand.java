package blogsearch.cli;

import blogsearch.engine.Engine;
import blogsearch.engine.Stats;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "stats", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Show what the index holds: posts, feeds, top tags, date range and size on disk.")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Mixin
    SynonymsOption synonyms;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Terminal t = root.terminal();
        Stats s;
        try (Engine engine = index.openReadOnly(synonyms.file())) {
            s = engine.stats();
        }
        if (json) {
            t.out.println(JsonOutput.pretty(s));
            return 0;
        }
        t.out.printf("%-9s %s (%s)%n", t.style(Terminal.DIM, "Index"), Terminal.safe(index.where()), bytes(s.indexBytes()));
        t.out.printf("%-9s %,d%n", t.style(Terminal.DIM, "Posts"), s.posts());
        t.out.printf("%-9s %,d with a vector, %,d without%n", t.style(Terminal.DIM, "Meaning"),
                s.posts() - s.withoutVector(), s.withoutVector());
        t.out.printf("%-9s %,d%n", t.style(Terminal.DIM, "Feeds"), s.feeds());
        t.out.printf("%-9s %s to %s%n", t.style(Terminal.DIM, "Dates"), day(s.oldest()), day(s.newest()));
        t.out.printf("%-9s %s%n", t.style(Terminal.DIM, "Top tags"), s.tags().isEmpty() ? "none"
                : s.tags().stream().map(v -> Terminal.safe(v.value()) + " (" + v.count() + ")")
                        .collect(Collectors.joining(", ")));
        t.out.printf("%-9s %s%n", t.style(Terminal.DIM, "Languages"), languages(s));
        s.synonyms().ifPresent(info -> t.out.printf("%-9s %s (%s)%n", t.style(Terminal.DIM, "Synonyms"),
                Terminal.safe(info.file()), Terminal.count(info.rules(), "rule")));
        t.out.flush();
        return 0;
    }

    /** Posts per language, most first: "en 1,204, de 310". */
    static String languages(Stats s) {
        return s.languages().isEmpty() ? "none" : s.languages().stream()
                .map(v -> Terminal.safe(v.value()) + " " + String.format("%,d", v.count()))
                .collect(Collectors.joining(", "));
    }

    private static String day(Optional<Instant> i) {
        return i.map(x -> x.atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse("-");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format("%.1f MB", n / (1024.0 * 1024));
        }
        return String.format("%.2f GB", n / (1024.0 * 1024 * 1024));
    }
}
