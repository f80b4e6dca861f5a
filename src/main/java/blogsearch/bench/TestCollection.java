package blogsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relevance test collection as the shared folder holds them: docs.jsonl ({"id", "title", "body"} per line),
 * queries.tsv (id TAB text) and qrels.tsv (query id, doc id, gain; 3 or 4 columns, gain 0 judged not relevant).
 */
record TestCollection(String name, List<Doc> docs, List<Question> questions, Map<String, Map<String, Integer>> qrels) {
    record Doc(String id, String title, String body) {}

    record Question(String id, String text) {}

    static TestCollection read(Path dir) {
        try {
            return new TestCollection(dir.getFileName().toString(), docs(dir.resolve("docs.jsonl")),
                    questions(dir.resolve("queries.tsv")), qrels(dir.resolve("qrels.tsv")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test collection " + dir + ": " + e.getMessage(), e);
        }
    }

    static List<Doc> docs(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode d = json.readTree(line);
                    docs.add(new Doc(d.path("id").asText(), d.path("title").asText(""), d.path("body").asText("")));
                }
            }
        }
        return docs;
    }

    static List<Question> questions(Path tsv) throws IOException {
        List<Question> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.add(new Question(line.substring(0, tab).strip(), line.substring(tab + 1).strip()));
            }
        }
        return out;
    }

    /** Gains by doc id by question id, in the file's order (the first relevant doc is the first listed). */
    private static Map<String, Map<String, Integer>> qrels(Path tsv) throws IOException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] p = line.strip().split("\\s+");
            if (p.length < 3 || p[0].startsWith("#")) {
                continue;
            }
            String doc = p.length == 3 ? p[1] : p[2];
            out.computeIfAbsent(p[0], q -> new LinkedHashMap<>()).put(doc, (int) Double.parseDouble(p[p.length - 1]));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * nDCG@10 of a ranking as the collections' eval.py computes it: gain = judged relevance, discount
     * 1/log2(rank + 1), the ideal from every judged relevant doc.
     */
    static double ndcgAt10(List<String> ranked, Map<String, Integer> judged) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            dcg += Math.max(0, judged.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
        }
        List<Integer> gains = judged.values().stream().filter(g -> g > 0).sorted(Collections.reverseOrder()).toList();
        double ideal = 0;
        for (int i = 0; i < Math.min(10, gains.size()); i++) {
            ideal += gains.get(i) / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
