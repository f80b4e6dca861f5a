package blogsearch.cli;

import blogsearch.engine.Dates;
import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.SearchResult.Hit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "search", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Search the index and print highlighted results with facet counts.",
                "Query language: words (all must match in short queries), \"exact phrases\", -excluded, "
                        + "this OR that, prefix*, tag:NAME author:NAME feed:NAME title:WORD, "
                        + "after:DATE before:DATE (DATE is YYYY, YYYY-MM or YYYY-MM-DD).",
                "With no query, the newest posts (narrowed by any filters) are listed."},
        footer = {"", "Examples:", "  blogsearch search openstack nova",
                "  blogsearch search --tag openstack --sort newest \"summit\"",
                "  blogsearch search --json 'cloud -aws after:2015'",
                "  blogsearch search --batch queries.txt --json --limit 100"})
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Mixin
    SynonymsOption synonyms;

    @Parameters(arity = "0..*", paramLabel = "QUERY", parameterConsumer = QueryWord.class,
            description = "What to search for; -word leaves out posts with that word.")
    List<String> words = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "Only posts with this tag; repeat for any of several.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--author", paramLabel = "NAME", description = "Only posts by this author; repeatable.")
    List<String> authors = new ArrayList<>();

    @Option(names = "--feed", paramLabel = "TITLE", description = "Only posts from this feed; repeatable.")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--year", paramLabel = "YYYY", description = "Only posts from this year; repeatable.")
    List<String> years = new ArrayList<>();

    @Option(names = "--language", paramLabel = "CODE", description = "Only posts in this language (en, de, zh...); "
            + "repeatable.")
    List<String> languages = new ArrayList<>();

    @Option(names = "--since", paramLabel = "DATE", description = "Only posts published on or after DATE.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only posts published on or before DATE.")
    String until;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "relevance",
            description = "relevance (default) or newest.")
    String sort;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
            description = "hybrid (default: by words and by meaning, when the index has vectors), lexical (words "
                    + "only) or semantic (meaning only).")
    String mode;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "10",
            description = "Results per page, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page of results (default: 1).")
    int page;

    @Option(names = "--json", description = "Print the result as JSON, exactly as the HTTP API returns it.")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Run one query per line of FILE ('-' for standard input), of any length, printing one JSON "
                    + "object per line; a line that fails gets {\"query\", \"error\"} and the others go on.")
    String batch;

    /**
     * Takes query words one at a time, so that options may still follow them; with the parser set up in
     * {@link BlogSearch#commandLine}, a word like "-neutron" that is no option comes here too.
     */
    static final class QueryWord implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<String> words = argSpec.getValue();
            words.add(args.pop());
        }
    }

    @Override
    public Integer call() throws IOException {
        for (String w : words) {
            if (w.startsWith("--")) {
                // No query word starts with "--": it is a mistyped option, which must not be searched for.
                throw new BadInput("unknown option '" + w + "' (see blogsearch search --help)");
            }
        }
        Terminal t = root.terminal();
        SearchRequest base = request(String.join(" ", words));
        try (Engine engine = index.openReadOnly(synonyms.file())) {
            if (batch != null) {
                return runBatch(t, engine, base);
            }
            SearchResult result = engine.search(base);
            if (json) {
                t.out.println(JsonOutput.pretty(result));
            } else {
                render(t, result);
            }
        }
        return 0;
    }

    private SearchRequest request(String query) {
        // Checked here so the message names the option, not the API's "size" parameter.
        if (limit < 1 || limit > SearchRequest.MAX_SIZE) {
            throw new BadInput("--limit must be between 1 and " + SearchRequest.MAX_SIZE + ", not "
                    + limit);
        }
        return new SearchRequest(query,
                Map.of(Dimension.TAG, tags, Dimension.AUTHOR, authors, Dimension.FEED, feeds, Dimension.YEAR, years,
                        Dimension.LANGUAGE, languages),
                Optional.ofNullable(since).map(s -> Dates.startOrThrow("since", s)),
                Optional.ofNullable(until).map(u -> Dates.endOrThrow("until", u)),
                SearchRequest.Sort.parse(sort), page, limit, true, SearchRequest.Mode.parse(mode));
    }

    private int runBatch(Terminal t, Engine engine, SearchRequest base) throws IOException {
        try (BufferedReader in = Batch.open(batch)) {
            return batch(in, t.out, query -> engine.search(base.withQuery(query)));
        }
    }

    /** One JSON line out for every line in: a result, or {"query", "error"} for a line that failed. */
    static int batch(BufferedReader in, PrintWriter out, Function<String, SearchResult> search) throws IOException {
        return Batch.run(in, out, "query", search::apply);
    }

    private static void render(Terminal t, SearchResult r) {
        String what = r.query().isBlank() ? "" : " for " + t.style(Terminal.BOLD, r.query());
        t.out.printf("%,d %s%s %s%n", r.total(), r.total() == 1 ? "result" : "results", what,
                t.style(Terminal.DIM, "(" + r.tookMs() + " ms)"));
        if (r.corrected()) {
            t.out.println("Showing results for " + t.style(Terminal.BOLD, r.didYouMean().orElse("")) + "; nothing matched "
                    + Terminal.safe(r.query()) + ".");
        } else if (r.didYouMean().isPresent()) {
            t.out.println("Did you mean " + t.style(Terminal.BOLD, r.didYouMean().get()) + "?");
        }
        if (r.relaxed()) {
            t.out.println(t.style(Terminal.DIM, "No post has every word; showing posts with most of them."));
        }
        for (String w : r.warnings()) {
            t.out.println(t.style(Terminal.YELLOW, "note: ") + Terminal.safe(w));
        }
        int n = (r.page() - 1) * r.size();
        for (Hit h : r.hits()) {
            n++;
            t.out.println();
            String title = t.highlighted(h.titleHtml());
            t.out.printf("%s %s%n", t.style(Terminal.DIM, String.format("%3d.", n)),
                    t.color ? Terminal.BOLD + title + "\u001b[0m" : title);
            List<String> meta = new ArrayList<>();
            h.published().ifPresent(p -> meta.add(p.atZone(ZoneOffset.UTC).toLocalDate().toString()));
            if (!h.feed().isBlank()) {
                meta.add(h.feed());
            }
            if (!h.author().isBlank()) {
                meta.add(h.author());
            }
            String line = String.join(" · ", meta.stream().map(Terminal::safe).toList());
            if (!h.tags().isEmpty()) {
                line += (line.isEmpty() ? "" : " · ") + t.style(Terminal.CYAN,
                        h.tags().stream().map(Terminal::safe).collect(Collectors.joining(", ")));
            }
            t.out.println("     " + t.style(Terminal.DIM, "") + line);
            if (!h.url().isBlank()) {
                t.out.println("     " + t.style(Terminal.BLUE, h.url()));
            }
            if (!h.snippet().isBlank()) {
                t.out.println("     " + t.highlighted(h.snippet()));
            }
        }
        long pages = (r.total() + r.size() - 1) / r.size();
        if (pages > 1) {
            t.out.println();
            t.out.println(t.style(Terminal.DIM, "Page " + r.page() + " of " + pages + " (--page N for more)"));
        }
        if (r.total() > 0) {
            t.out.println();
            facetLine(t, "Tags", r.facet(Dimension.TAG), 10);
            facetLine(t, "Years", r.facet(Dimension.YEAR), 10);
            facetLine(t, "Feeds", r.facet(Dimension.FEED), 5);
            facetLine(t, "Authors", r.facet(Dimension.AUTHOR), 5);
            facetLine(t, "Languages", r.facet(Dimension.LANGUAGE), 10);
        } else if (r.query().isBlank()) {
            t.out.println("The index has no posts matching these filters.");
        }
        t.out.flush();
    }

    private static void facetLine(Terminal t, String label, List<FacetValue> values, int max) {
        if (values == null || values.isEmpty()) {
            return;
        }
        String shown = values.stream().limit(max)
                .map(v -> (v.selected() ? t.style(Terminal.BOLD, "[" + v.value() + "]") : Terminal.safe(v.value()))
                        + " " + t.style(Terminal.DIM, String.valueOf(v.count())))
                .collect(Collectors.joining("  "));
        t.out.printf("%-9s %s%n", t.style(Terminal.DIM, label), shown);
    }
}
