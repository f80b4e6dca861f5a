package blogsearch.cli;

import blogsearch.engine.BadRequest;
import blogsearch.engine.IndexError;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The blogsearch command and its subcommands; {@link #run} is what the launcher calls. */
@Command(name = "blogsearch",
        mixinStandardHelpOptions = true,
        versionProvider = BlogSearch.Versions.class,
        description = "Full-text search for blog posts: index feeds, search them from the terminal, or serve "
                + "a search page and API.",
        subcommands = {IndexCommand.class, SearchCommand.class, SimilarCommand.class, StatsCommand.class, ServeCommand.class,
                OptimizeCommand.class, ReindexCommand.class, MigrateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class BlogSearch implements java.util.concurrent.Callable<Integer> {
    /** This build's version, from the pom (through a filtered resource). */
    public static final String VERSION = readVersion();

    /** Whether stdout and stderr are terminals; the launcher tells (a JVM cannot on JDK 21). */
    final boolean stdoutTty;
    final boolean stderrTty;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Color output: auto (when writing to a terminal and NO_COLOR is unset), always or never.")
    String colorWhen;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    BlogSearch(boolean stdoutTty, boolean stderrTty) {
        this.stdoutTty = stdoutTty;
        this.stderrTty = stderrTty;
    }

    /** Without a command there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Output for subcommands, colored as --color and the terminal allow. */
    Terminal terminal() {
        boolean color = switch (colorWhen) {
            case "always" -> true;
            case "never" -> false;
            default -> stdoutTty && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        };
        return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), color);
    }

    /** A command line wired with our error handling; tests pass their own writers. */
    public static CommandLine commandLine(boolean stdoutTty, boolean stderrTty) {
        CommandLine cl = new CommandLine(new BlogSearch(stdoutTty, stderrTty));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof BadRequest || e instanceof BadInput) {
                err.println("error: " + Terminal.safe(e.getMessage()));
                return 2;
            }
            if (e instanceof IndexError) {
                err.println("error: " + Terminal.safe(e.getMessage()));
                return 1;
            }
            err.println("error: " + Terminal.safe(String.valueOf(e.getMessage())));
            if (System.getenv("BLOGSEARCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // "-kubernetes" and "-neutron" are query words (exclusions), not options or "-n eutron".
        cl.getSubcommands().get("search").setUnmatchedOptionsArePositionalParams(true)
                .setPosixClusteredShortOptionsAllowed(false);
        return cl;
    }

    /** What --version prints: ours, Lucene's, and the Java runtime's, which are what a bug report needs. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "blogsearch " + VERSION,
                "Lucene " + org.apache.lucene.util.Version.LATEST,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ", "
                        + System.getProperty("java.home") + ")"};
        }
    }

    private static String readVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = BlogSearch.class.getResourceAsStream("/blogsearch/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // Reported as "unknown" below.
        }
        return p.getProperty("version", "unknown");
    }

    public static int run(String[] args) {
        boolean outTty = Boolean.getBoolean("blogsearch.stdout.tty");
        boolean errTty = Boolean.getBoolean("blogsearch.stderr.tty");
        CommandLine cl = commandLine(outTty, errTty);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }
}
