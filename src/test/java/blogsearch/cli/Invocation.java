package blogsearch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;

/** One run of the command line as the launcher would run it (not on a terminal), with what it printed. */
record Invocation(int code, String out, String err) {
    static Invocation of(String... args) {
        CommandLine cl = BlogSearch.commandLine(false, false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Invocation(code, out.toString(), err.toString());
    }

    /** The CLI tests' fixed corpus: three small feeds with known titles, tags and dates. */
    static Path corpus() {
        try {
            return Path.of(Invocation.class.getResource("/cli/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
