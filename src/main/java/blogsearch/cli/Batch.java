package blogsearch.cli;

import blogsearch.engine.BadRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A command run once per line of a file or standard input, one JSON line out for every line in. */
final class Batch {
    /** What a line asked for that has no answer: bad input, as a failed search is not. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private Batch() {}

    /** The lines of {@code file}, or of standard input for "-"; bytes that are not UTF-8 are replaced. */
    static BufferedReader open(String file) throws IOException {
        try {
            return new BufferedReader(new InputStreamReader(
                    file.equals("-") ? System.in : Files.newInputStream(Path.of(file)), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BadInput("no such batch file: " + file);
        }
    }

    /**
     * Answers every line, whatever becomes of it: the answer, or {key: line, "error": why} for a line that
     * failed while the others go on. Exit code: 1 if an answer failed, else 2 if a line was bad input.
     */
    static int run(BufferedReader in, PrintWriter out, String key, Function<String, Object> answer)
            throws IOException {
        boolean bad = false;
        boolean failed = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String json;
            try {
                json = JsonOutput.line(answer.apply(line.strip()));
            } catch (BadRequest | NotFound e) {
                bad = true;
                json = JsonOutput.line(error(key, line, e.getMessage()));
            } catch (RuntimeException e) {
                failed = true;
                json = JsonOutput.line(error(key, line, "failed: " + e.getMessage()));
            }
            out.println(json);
        }
        out.flush();
        return failed ? 1 : bad ? 2 : 0;
    }

    private static Map<String, String> error(String key, String line, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put(key, line);
        error.put("error", message);
        return error;
    }
}
