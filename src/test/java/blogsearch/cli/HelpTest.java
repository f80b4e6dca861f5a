package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
