package blogsearch.bench;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.embed.Passage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.search.ScoreDoc;

/**
 * Ranking by meaning on relevance test collections, before any index: every document embedded in passages (the
 * title heading each window of the text), every question embedded as a query, documents ranked by cosine over all
 * of them (brute force, so the figures are the model's, not an approximate search's). Per collection and model it
 * prints nDCG@10 of the questions and of related documents (seed: the first of a question's most relevant
 * documents, for questions with at least three; targets: the others; the seed itself left out), a document
 * standing as its first passage, as the mean of its passages, or as its best passage (max-pooled scores); beside
 * them plain Lucene (as {@link RelevanceBaseline}), the hybrid of the two by a rule fixed in advance, and one vector
 * per document in Lucene's HNSW index, in full or scalar-quantized. It also measures what the model costs: load
 * time and memory, posts per second on one thread and on all, and the time to embed one query. Document vectors
 * are kept in a cache folder, keyed by model and passage shape.
 *
 * <p>Run with the built jar on the class path: {@code java --enable-native-access=ALL-UNNAMED -cp
 * target/blogsearch.jar blogsearch.bench.SemanticRelevance --collection DIR ...}.
 */
public final class SemanticRelevance {
    /** Posts per task handed to the pool: enough passages for full batches, few enough to spread over cores. */
    private static final int POSTS_PER_TASK = 16;
    /** Documents embedded for the cost figures (passage one only, as most posts are one passage). */
    private static final int COST_SAMPLE = 200;
    private static final int MIN_RELEVANT_FOR_RELATED = 3;
    /** How many results of each side the hybrid ranking fuses. */
    private static final int DEPTH = 100;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** The three ways a document's passages stand for it. */
    enum Pooling {
        FIRST("first passage"), MEAN("mean of passages"), MAX("best passage");

        final String label;

        Pooling(String label) {
            this.label = label;
        }
    }

    public record Options(List<Path> collections, List<Model> models, int window, int passages, int threads,
            Path cache, boolean costs) {}

    private SemanticRelevance() {}

    /**
     * {@code --collection DIR} (repeatable), {@code --model ID} (repeatable; default: every model whose jar is on
     * the class path), {@code --window N} (pieces per passage, default 256), {@code --passages N} (most per
     * document, default 8), {@code --threads N} (default: cores), {@code --cache DIR} (default target/semantic),
     * {@code --no-costs} (quality only).
     */
    public static void main(String[] args) {
        List<Path> collections = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        int window = 256;
        int passages = 8;
        int threads = Runtime.getRuntime().availableProcessors();
        Path cache = Path.of("target", "semantic");
        boolean costs = true;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--collection" -> collections.add(Path.of(value));
                case "--model" -> models.add(Model.parse(value));
                case "--window" -> window = Integer.parseInt(value);
                case "--passages" -> passages = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--cache" -> cache = Path.of(value);
                case "--no-costs" -> {
                    costs = false;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (collections.isEmpty()) {
            throw new IllegalArgumentException("name at least one --collection folder (docs.jsonl, queries.tsv, "
                    + "qrels.tsv)");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        run(new Options(collections, models.isEmpty() ? Arrays.stream(Model.values()).filter(Model::installed).toList()
                : models, window, passages, threads,
                cache, costs), out);
    }

    public static void run(Options o, PrintWriter out) {
        List<TestCollection> collections = o.collections().stream().map(TestCollection::read).toList();
        for (Model model : o.models()) {
            long pid = ProcessHandle.current().pid();
            long rssBefore = Memory.rss(pid, "VmRSS");
            long t0 = System.nanoTime();
            try (Embedder embedder = Embedder.open(model); Memory memory = new Memory()) {
                out.printf("%n%s: loaded in %.1f s, resident memory +%d MB (%d dimensions)%n", model.id(),
                        seconds(t0), (Memory.rss(pid, "VmRSS") - rssBefore) >> 20, embedder.dimensions());
                if (o.costs()) {
                    cost(embedder, collections.getFirst(), o, out);
                }
                Map<String, double[]> rows = new java.util.LinkedHashMap<>();
                for (int c = 0; c < collections.size(); c++) {
                    TestCollection coll = collections.get(c);
                    Vectors docs = vectors(embedder, coll, o, out);
                    float[][] questions = coll.questions().stream().map(q -> embedder.query(q.text()))
                            .toArray(float[][]::new);
                    List<ScoreDoc[]> lexical = lexical(coll);
                    row(rows, "questions, lexical (plain Lucene BM25)", c, collections.size()).accept(mean(coll,
                            q -> Arrays.stream(lexical.get(q)).map(sd -> coll.docs().get(sd.doc).id()).toList()));
                    for (Pooling p : Pooling.values()) {
                        double[][] scores = scores(docs, questions, p);
                        row(rows, "questions, " + p.label, c, collections.size()).accept(mean(coll,
                                q -> ids(coll, top(coll, scores[q], 10, -1))));
                        row(rows, "questions, hybrid 0.5/0.5 min-max, " + p.label, c, collections.size()).accept(
                                mean(coll, q -> fused(coll, scores[q], lexical.get(q))));
                    }
                    for (Pooling p : Pooling.values()) {
                        row(rows, "related documents, " + p.label, c, collections.size())
                                .accept(related(coll, docs, p));
                    }
                    for (Pooling p : List.of(Pooling.FIRST, Pooling.MEAN)) {
                        float[][] single = java.util.stream.IntStream.range(0, docs.size())
                                .mapToObj(d -> docs.vector(d, p)).toArray(float[][]::new);
                        for (KnnIndex.Encoding encoding : KnnIndex.Encoding.values()) {
                            try (KnnIndex index = new KnnIndex(single, encoding)) {
                                row(rows, "questions, HNSW " + encoding.label + ", " + p.label, c, collections.size())
                                        .accept(mean(coll, q -> ids(coll, index.nearest(questions[q], 10))));
                                if (p == Pooling.FIRST) {
                                    StringBuilder files = new StringBuilder();
                                    index.bytes().forEach((ext, b) -> files.append(ext.startsWith("ve")
                                            ? String.format(" .%s %d", ext, b / docs.size()) : ""));
                                    out.printf("  %s: HNSW %s, vector files' bytes per document:%s%n", coll.name(),
                                            encoding.label, files);
                                }
                            }
                        }
                    }
                }
                out.printf("peak resident memory %d MB%n", memory.rssPeak() >> 20);
                table(model, collections, rows, out);
            }
        }
    }

    /** Posts per second (first passage only) on one thread and on all, and milliseconds per query. */
    private static void cost(Embedder embedder, TestCollection coll, Options o, PrintWriter out) {
        List<TestCollection.Doc> sample = coll.docs().subList(0, Math.min(COST_SAMPLE, coll.docs().size()));
        embed(embedder, sample.subList(0, Math.min(50, sample.size())), o.window(), 1, 1); // warm-up
        for (int threads : o.threads() == 1 ? new int[] {1} : new int[] {1, o.threads()}) {
            long t = System.nanoTime();
            Vectors v = embed(embedder, sample, o.window(), 1, threads);
            double s = seconds(t);
            out.printf("  %s, %d posts, first passage (<= %d pieces), %d thread(s): %.1f posts/s, %.0f pieces/s; "
                    + "%.1f posts per CPU second%n", coll.name(), sample.size(), o.window(), threads, sample.size() / s,
                    v.pieces() / s, sample.size() / v.cpuSeconds());
        }
        for (int cut : new int[] {3, Integer.MAX_VALUE}) {
            List<String> texts = coll.questions().stream().map(q -> Arrays.stream(q.text().split("\\s+")).limit(cut)
                    .collect(java.util.stream.Collectors.joining(" "))).toList();
            long[] nanos = new long[texts.size()];
            long[] cpu = new long[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                long c = CPU.getCurrentThreadCpuTime();
                embedder.query(texts.get(i));
                cpu[i] = CPU.getCurrentThreadCpuTime() - c;
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            int p99 = (int) Math.min(nanos.length - 1, nanos.length * 0.99);
            out.printf("  a query's vector (%s questions, %s, one thread): p50 %.1f ms, p99 %.1f ms; CPU time p50 "
                    + "%.1f ms, p99 %.1f ms%n", coll.name(), cut == 3 ? "first 3 words" : "whole",
                    nanos[nanos.length / 2] / 1e6, nanos[p99] / 1e6, cpu[cpu.length / 2] / 1e6, cpu[p99] / 1e6);
        }
    }

    /** Plain Lucene's best hundred for each question. */
    private static List<ScoreDoc[]> lexical(TestCollection coll) {
        try {
            return RelevanceBaseline.rank(coll.docs(), coll.questions(), DEPTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each question's cosine with each document. */
    private static double[][] scores(Vectors docs, float[][] questions, Pooling pooling) {
        double[][] out = new double[questions.length][docs.size()];
        for (int q = 0; q < questions.length; q++) {
            for (int d = 0; d < docs.size(); d++) {
                out[q][d] = pooling == Pooling.MAX ? docs.best(d, questions[q])
                        : dot(questions[q], docs.vector(d, pooling));
            }
        }
        return out;
    }

    /** Mean nDCG@10 over the questions that have a relevant document, of the ranking each question gets. */
    private static double mean(TestCollection coll, java.util.function.IntFunction<List<String>> ranking) {
        double sum = 0;
        int n = 0;
        for (int q = 0; q < coll.questions().size(); q++) {
            Map<String, Integer> judged = coll.qrels().get(coll.questions().get(q).id());
            if (judged != null && judged.values().stream().anyMatch(g -> g > 0)) {
                sum += TestCollection.ndcgAt10(ranking.apply(q), judged);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The fusion fixed before any run: each side's best hundred scaled to [0, 1] by its own minimum and maximum,
     * then half of each added (a document missing from one side gets nothing from it).
     */
    private static List<String> fused(TestCollection coll, double[] dense, ScoreDoc[] lexical) {
        Map<Integer, Double> fused = new java.util.HashMap<>();
        int[] top = top(coll, dense, DEPTH, -1);
        double[] denseTop = Arrays.stream(top).mapToDouble(d -> dense[d]).toArray();
        addScaled(fused, top, denseTop);
        addScaled(fused, Arrays.stream(lexical).mapToInt(sd -> sd.doc).toArray(),
                Arrays.stream(lexical).mapToDouble(sd -> sd.score).toArray());
        double[] all = new double[dense.length];
        Arrays.fill(all, Double.NEGATIVE_INFINITY);
        fused.forEach((d, score) -> all[d] = score);
        return ids(coll, top(coll, all, 10, -1));
    }

    private static void addScaled(Map<Integer, Double> fused, int[] docs, double[] scores) {
        double min = Arrays.stream(scores).min().orElse(0);
        double max = Arrays.stream(scores).max().orElse(0);
        for (int i = 0; i < docs.length; i++) {
            double scaled = max > min ? (scores[i] - min) / (max - min) : 1;
            fused.merge(docs[i], 0.5 * scaled, Double::sum);
        }
    }

    /** Mean nDCG@10 of related documents: a question's first most relevant document against its other ones. */
    private static double related(TestCollection coll, Vectors docs, Pooling pooling) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int d = 0; d < coll.docs().size(); d++) {
            index.put(coll.docs().get(d).id(), d);
        }
        double sum = 0;
        int n = 0;
        for (TestCollection.Question q : coll.questions()) {
            Map<String, Integer> judged = coll.qrels().get(q.id());
            if (judged == null || judged.values().stream().filter(g -> g > 0).count() < MIN_RELEVANT_FOR_RELATED) {
                continue;
            }
            String seedId = judged.entrySet().stream().filter(e -> index.containsKey(e.getKey()))
                    .reduce((a, b) -> b.getValue() > a.getValue() ? b : a).map(Map.Entry::getKey).orElse(null);
            if (seedId == null) {
                continue;
            }
            int seed = index.get(seedId);
            Map<String, Integer> targets = new java.util.HashMap<>(judged);
            targets.remove(seedId);
            double[] scores = new double[docs.size()];
            for (int d = 0; d < scores.length; d++) {
                scores[d] = pooling == Pooling.MAX ? docs.bestPair(seed, d) : dot(docs.vector(seed, pooling),
                        docs.vector(d, pooling));
            }
            sum += TestCollection.ndcgAt10(ids(coll, top(coll, scores, 10, seed)), targets);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The positions of the {@code n} best scores, ties by id descending as eval.py orders them, bar {@code skip}. */
    private static int[] top(TestCollection coll, double[] scores, int n, int skip) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : coll.docs().get(b).id().compareTo(coll.docs().get(a).id()));
        return Arrays.stream(order).mapToInt(Integer::intValue)
                .filter(d -> d != skip && scores[d] != Double.NEGATIVE_INFINITY).limit(n).toArray();
    }

    private static List<String> ids(TestCollection coll, int[] positions) {
        return Arrays.stream(positions).mapToObj(d -> coll.docs().get(d).id()).toList();
    }

    private static java.util.function.DoubleConsumer row(Map<String, double[]> rows, String label, int c, int n) {
        double[] v = rows.computeIfAbsent(label, k -> new double[n]);
        return x -> v[c] = x;
    }

    private static void table(Model model, List<TestCollection> collections, Map<String, double[]> rows,
            PrintWriter out) {
        StringBuilder head = new StringBuilder(String.format("%-52s", "nDCG@10, " + model.id()));
        collections.forEach(c -> head.append(String.format(" %9s", c.name())));
        out.println(head + String.format(" %9s", "macro"));
        rows.forEach((label, v) -> {
            StringBuilder row = new StringBuilder(String.format("%-52s", label));
            Arrays.stream(v).forEach(x -> row.append(String.format(" %9.3f", x)));
            out.println(row + String.format(" %9.3f", Arrays.stream(v).average().orElse(Double.NaN)));
        });
        out.flush();
    }

    /** The collection's documents as vectors, from the cache when a previous run embedded them the same way. */
    private static Vectors vectors(Embedder embedder, TestCollection coll, Options o, PrintWriter out) {
        Path file = o.cache().resolve(embedder.model().id()).resolve(coll.name() + "-w" + o.window() + "-p"
                + o.passages() + ".vectors");
        if (Files.isRegularFile(file)) {
            Vectors v = Vectors.read(file);
            if (v.size() == coll.docs().size()) {
                out.printf("  %s: %,d documents, %,d passages (cached; embedding took %.1f documents per CPU second)%n",
                        coll.name(), v.size(), v.passages(), v.size() / v.cpuSeconds());
                return v;
            }
        }
        long t = System.nanoTime();
        Vectors v = embed(embedder, coll.docs(), o.window(), o.passages(), o.threads());
        double s = seconds(t);
        out.printf("  %s: %,d documents, %,d passages, embedded in %.0f s on %d threads (%.1f documents/s, %.1f per "
                + "CPU second)%n", coll.name(), v.size(), v.passages(), s, o.threads(), v.size() / s,
                v.size() / v.cpuSeconds());
        v.write(file);
        return v;
    }

    private static Vectors embed(Embedder embedder, List<TestCollection.Doc> docs, int window, int max, int threads) {
        float[][][] perDoc = new float[docs.size()][][];
        long[] pieces = new long[docs.size()];
        java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = 0; from < docs.size(); from += POSTS_PER_TASK) {
                int start = from;
                int end = Math.min(docs.size(), from + POSTS_PER_TASK);
                tasks.add(pool.submit(() -> {
                    long cpu = CPU.getCurrentThreadCpuTime();
                    List<Passage> passages = new ArrayList<>();
                    int[] counts = new int[end - start];
                    for (int d = start; d < end; d++) {
                        List<Passage> p = embedder.passages(docs.get(d).title(), docs.get(d).body(), window, max);
                        counts[d - start] = p.size();
                        passages.addAll(p);
                        pieces[d] = p.stream().mapToLong(x -> x.sequence().length).sum();
                    }
                    float[][] vectors = embedder.embed(passages);
                    for (int d = start, k = 0; d < end; k += counts[d - start], d++) {
                        perDoc[d] = Arrays.copyOfRange(vectors, k, k + counts[d - start]);
                    }
                    cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpu);
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Vectors(perDoc, Arrays.stream(pieces).sum(), cpuNanos.sum() / 1e9);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Each document's passage vectors (unit length), and the pieces they were made of. */
    private record Vectors(float[][][] perDoc, long pieces, double cpuSeconds) {
        int size() {
            return perDoc.length;
        }

        int passages() {
            return Arrays.stream(perDoc).mapToInt(p -> p.length).sum();
        }

        float[] vector(int doc, Pooling pooling) {
            if (pooling == Pooling.FIRST || perDoc[doc].length == 1) {
                return perDoc[doc][0];
            }
            float[] mean = new float[perDoc[doc][0].length];
            for (float[] p : perDoc[doc]) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += p[i];
                }
            }
            double norm = Math.sqrt(dot(mean, mean));
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= (float) norm;
            }
            return mean;
        }

        double best(int doc, float[] query) {
            double best = Double.NEGATIVE_INFINITY;
            for (float[] p : perDoc[doc]) {
                best = Math.max(best, dot(query, p));
            }
            return best;
        }

        double bestPair(int a, int b) {
            double best = Double.NEGATIVE_INFINITY;
            for (float[] p : perDoc[a]) {
                best = Math.max(best, best(b, p));
            }
            return best;
        }

        void write(Path file) {
            try {
                Files.createDirectories(file.getParent());
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(file)))) {
                    out.writeInt(perDoc.length);
                    out.writeInt(perDoc[0][0].length);
                    out.writeLong(pieces);
                    out.writeDouble(cpuSeconds);
                    for (float[][] doc : perDoc) {
                        out.writeInt(doc.length);
                        for (float[] p : doc) {
                            for (float x : p) {
                                out.writeFloat(x);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        static Vectors read(Path file) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                float[][][] perDoc = new float[in.readInt()][][];
                int dims = in.readInt();
                long pieces = in.readLong();
                double cpuSeconds = in.readDouble();
                for (int d = 0; d < perDoc.length; d++) {
                    perDoc[d] = new float[in.readInt()][dims];
                    for (float[] p : perDoc[d]) {
                        for (int i = 0; i < dims; i++) {
                            p[i] = in.readFloat();
                        }
                    }
                }
                return new Vectors(perDoc, pieces, cpuSeconds);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
