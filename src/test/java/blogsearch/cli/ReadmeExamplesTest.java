package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's search and stats commands, and the queries of its query-language table, work on the sample blog. */
class ReadmeExamplesTest {
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`[^|]*`) \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern WRITTEN = Pattern.compile("printf '([^']*)' > (\\S+)");

    @TempDir
    static Path dir;

    static String index;
    static List<String> readme;

    @BeforeAll
    static void indexTheSample() throws Exception {
        readme = Files.readAllLines(Path.of("README.md"));
        index = dir.resolve("index").toString();
        Invocation r = Invocation.of("index", "--offline", "--index", index, "index-data/feeds");
        assertThat(r.code()).as("%s", r).isZero();
    }

    @Test
    void everySearchAndStatsCommandFindsSomething() throws Exception {
        List<String> commands = new ArrayList<>();
        java.util.Map<String, String> files = new java.util.HashMap<>();
        boolean shell = false;
        for (String line : readme) {
            Matcher written = WRITTEN.matcher(line);
            if (line.startsWith("```")) {
                shell = line.equals("```sh");
            } else if (shell && written.matches()) {
                // A file an example writes before using it, as "printf 'a, b\n' > f.txt".
                Path file = dir.resolve(written.group(2));
                Files.writeString(file, written.group(1).replace("\\n", "\n"));
                files.put(written.group(2), file.toString());
            } else if (shell && line.matches("\\./blogsearch (search|similar|stats) .*|\\./blogsearch stats")
                    && !line.contains("--engine opensearch")) { // those need a cluster: OpenSearchCommandsIT
                commands.add(line);
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
        for (String command : commands) {
            List<String> args = words(command.replaceFirst(" \\| .*", "").replaceFirst("\\s+#.*", ""));
            args.remove(0); // ./blogsearch
            args.replaceAll(a -> files.getOrDefault(a, a));
            args.addAll(1, List.of("--index", index));
            Invocation r = Invocation.of(args.toArray(String[]::new));
            assertThat(r.code()).as("%s\n%s", command, r).isZero();
            assertThat(r.err()).as(command).isEmpty();
            if (args.get(0).equals("search")) {
                assertThat(r.out()).as(command).doesNotStartWith("0 results").doesNotContain("past the last page");
            }
            if (args.get(0).equals("similar")) {
                assertThat(r.out()).as(command).doesNotContain("No other post").contains("fewbar.com");
            }
        }
    }

    @Test
    void everyQueryOfTheQueryLanguageTableFindsSomething() throws Exception {
        List<String> queries = new ArrayList<>();
        for (String line : readme) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find() && !line.startsWith("| `data-")) {
                Matcher code = CODE.matcher(row.group(1));
                while (code.find()) {
                    queries.add(code.group(1));
                }
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        for (String query : queries) {
            Invocation r = Invocation.of("search", "--index", index, "--json", query);
            assertThat(r.code()).as("%s\n%s", query, r).isZero();
            JsonNode result = new ObjectMapper().readTree(r.out());
            assertThat(result.get("hits")).as(query).isNotEmpty();
            assertThat(result.get("corrected").asBoolean()).as("%s was respelled", query).isFalse();
        }
    }

    /** A command line split as a shell splits it, for the quoting the README uses ('...' and "..."). */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
