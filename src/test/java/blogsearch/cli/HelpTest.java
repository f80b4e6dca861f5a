package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class HelpTest {
    @Test
    void helpOnEveryCommandExits0AndListsItsOptions() {
        assertHelp(new String[] {"--help"}, "--color", "--version", "index", "search", "stats");
        assertHelp(new String[] {"index", "--help"}, "--index", "--force", "--threads", "--offline", "--ram-buffer-mb",
                "--json", "SOURCE");
        assertHelp(new String[] {"search", "--help"}, "--index", "--tag", "--author", "--feed", "--year", "--since",
                "--until", "--sort", "--limit", "--page", "--json", "--batch", "QUERY");
        assertHelp(new String[] {"stats", "--help"}, "--index", "--json");
        assertHelp(new String[] {"help", "search"}, "--tag", "--batch");
    }

    /**
     * At 80 columns (what picocli assumes where it cannot ask a terminal) no help line is longer, no word or
     * path is broken across lines, and an example that wraps is indented like the examples.
     */
    @Test
    void everyCommandsHelpWrapsCleanlyAt80Columns() {
        List<List<String>> commands = new ArrayList<>();
        collect(BlogSearch.commandLine(false, false), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(8);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Invocation r = Invocation.of(args.toArray(String[]::new));
            String name = String.join(" ", command);
            List<String> lines = r.out().lines().toList();
            assertThat(lines).as("blogsearch %s --help", name)
                    .allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));
            int examples = lines.indexOf("Examples:");
            if (examples >= 0) {
                assertThat(lines.subList(examples + 1, lines.size())).as("examples of %s", name)
                        .allSatisfy(l -> assertThat(l).startsWith("  "));
            }
            CommandSpec spec = BlogSearch.commandLine(false, false).getCommandSpec();
            for (String sub : command) {
                spec = spec.subcommands().get(sub).getCommandSpec();
            }
            List<String> written = new ArrayList<>(List.of(spec.usageMessage().description()));
            written.addAll(List.of(spec.usageMessage().footer()));
            spec.options().forEach(o -> written.addAll(List.of(o.description())));
            Set<String> shown = new java.util.HashSet<>(List.of(r.out().split("\\s+")));
            for (String text : written) {
                for (String word : text.split("\\s+")) {
                    if (!word.isEmpty() && !word.contains("${")) {
                        assertThat(shown).as("'%s' in blogsearch %s --help", word, name).contains(word);
                    }
                }
            }
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, out);
            }
        });
    }

    @Test
    void versionNamesTheProgramLuceneAndTheJavaRuntime() {
        Invocation r = Invocation.of("--version");

        assertThat(r.code()).isZero();
        assertThat(BlogSearch.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(r.out().strip().lines()).containsExactly(
                "blogsearch " + BlogSearch.VERSION,
                "Lucene " + org.apache.lucene.util.Version.LATEST,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")");
    }

    @Test
    void noCommandPrintsTheUsageAndExits2() {
        Invocation r = Invocation.of();

        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("Usage:").contains("search").contains("serve");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownOptionExits2AndNamesIt() {
        Invocation r = Invocation.of("search", "--colour", "x");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--colour");
        // After query words too: a mistyped option is not searched for.
        Invocation late = Invocation.of("search", "train", "--limt", "5");
        assertThat(late.code()).as("%s", late).isEqualTo(2);
        assertThat(late.err()).contains("--limt");
    }

    private static void assertHelp(String[] args, String... listed) {
        Invocation r = Invocation.of(args);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).as("%s", String.join(" ", args)).contains("Usage:").contains(listed);
        assertThat(r.err()).isEmpty();
    }
}
