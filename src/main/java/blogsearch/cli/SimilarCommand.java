package blogsearch.cli;

import blogsearch.engine.Engine;
import blogsearch.engine.Related;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "similar", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Posts related to one post (\"more like this\"), by title, text and tags, with the words "
                + "they share with it.", "The post is named by its id or its address, as search results show them."},
        footer = {"", "Examples:", "  blogsearch similar http://fewbar.com/2016/12/mr-nova-build-that-wall/",
                "  blogsearch similar --json --limit 5 vexLahf9SMqQ93wc",
                "  blogsearch similar --batch urls.txt --json"})
final class SimilarCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Parameters(arity = "0..1", paramLabel = "POST", description = "The post's id or address.")
    String post;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "5",
            description = "How many related posts, 1 to " + Related.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the result as JSON, exactly as the HTTP API returns it.")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "One post (id or address) per line of FILE ('-' for standard input), printing one JSON "
                    + "object per line; a line that fails gets {\"post\", \"error\"} and the others go on.")
    String batch;

    @Override
    public Integer call() throws IOException {
        if (limit < 1 || limit > Related.MAX_SIZE) {
            throw new BadInput("--limit must be between 1 and " + Related.MAX_SIZE + ", not " + limit);
        }
        if ((post == null) == (batch == null)) {
            throw new BadInput("name one post (its id or address), or give --batch FILE");
        }
        Terminal t = root.terminal();
        try (Engine engine = index.openReadOnly(java.util.Optional.empty())) {
            if (batch != null) {
                try (BufferedReader in = Batch.open(batch)) {
                    return Batch.run(in, t.out, "post", line -> related(engine, line));
                }
            }
            Related r = related(engine, post);
            if (json) {
                t.out.println(JsonOutput.pretty(r));
            } else {
                render(t, r);
            }
        } catch (Batch.NotFound e) {
            throw new BadInput(e.getMessage());
        }
        return 0;
    }

    private Related related(Engine engine, String idOrUrl) {
        return engine.related(idOrUrl, limit)
                .orElseThrow(() -> new Batch.NotFound("no post with id or address '" + idOrUrl + "' in the index"));
    }

    private static void render(Terminal t, Related r) {
        t.out.println("Posts like " + t.style(Terminal.BOLD, r.title()));
        if (r.posts().isEmpty()) {
            t.out.println("No other post shares enough with it.");
        }
        int n = 0;
        for (Related.RelatedPost p : r.posts()) {
            t.out.println();
            t.out.printf("%s %s%n", t.style(Terminal.DIM, String.format("%3d.", ++n)), t.style(Terminal.BOLD, p.title()));
            List<String> meta = new ArrayList<>();
            p.published().ifPresent(d -> meta.add(d.atZone(ZoneOffset.UTC).toLocalDate().toString()));
            if (!p.tags().isEmpty()) {
                meta.add(t.style(Terminal.CYAN, String.join(", ", p.tags().stream().map(Terminal::safe).toList())));
            }
            if (!meta.isEmpty()) {
                t.out.println("     " + String.join(" · ", meta));
            }
            if (!p.url().isBlank()) {
                t.out.println("     " + t.style(Terminal.BLUE, p.url()));
            }
            if (!p.sharedTags().isEmpty()) {
                t.out.println("     " + t.style(Terminal.DIM, "also tagged: ")
                        + Terminal.safe(String.join(", ", p.sharedTags())));
            }
            if (!p.terms().isEmpty()) {
                t.out.println("     " + t.style(Terminal.DIM, "shares: ") + Terminal.safe(String.join(", ", p.terms())));
            }
            if (p.sharedTags().isEmpty() && p.terms().isEmpty() && !p.passage().isEmpty()) {
                t.out.println("     " + t.style(Terminal.DIM, "close in meaning: ") + Terminal.safe(p.passage()));
            }
        }
        t.out.flush();
    }
}
