package blogsearch.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sentence-embedding models blogsearch can run, each read from a jar on the class path (its ONNX graph and
 * its Hugging Face tokenizer.json), with how it pools, how long a passage it takes and what a query needs. The
 * release carries bge-small-en-v1.5 alone; all-MiniLM-L6-v2 is there to compare with.
 */
public enum Model {
    /** BAAI's bge-small-en-v1.5, int8-quantized: the [CLS] vector; queries carry an instruction. */
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
            Pooling.CLS, "Represent this sentence for searching relevant passages: ", 512),
    /** sentence-transformers' all-MiniLM-L6-v2, int8-quantized: the mean of the token vectors; trained on 128. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
            Pooling.MEAN, "", 256);

    /** The model the index's vectors are made with, and so the vectors of queries. */
    public static final Model INDEXED = BGE_SMALL_EN_V15_Q;

    /** How a sequence's token vectors become one vector. */
    public enum Pooling { CLS, MEAN }

    private final String id;
    private final String graph;
    private final String tokenizer;
    private final Pooling pooling;
    private final String queryPrefix;
    private final int maxTokens;

    Model(String id, String graph, String tokenizer, Pooling pooling, String queryPrefix, int maxTokens) {
        this.id = id;
        this.graph = graph;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
        this.maxTokens = maxTokens;
    }

    /** The model's name: stable, for index fields and reports. */
    public String id() {
        return id;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** What goes before a query's text (some models are trained to tell questions from passages this way). */
    public String queryPrefix() {
        return queryPrefix;
    }

    /** The longest sequence the model takes, [CLS] and [SEP] included. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Whether this model's jar is on the class path. */
    public boolean installed() {
        return Model.class.getClassLoader().getResource(graph) != null;
    }

    /** Parses a model's id, naming the known ones otherwise. */
    public static Model parse(String s) {
        String wanted = s.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + s + "': use one of "
                        + Arrays.stream(values()).map(Model::id).collect(Collectors.joining(", "))));
    }

    byte[] graphBytes() {
        return read(graph);
    }

    WordPiece wordPiece() {
        try (InputStream in = open(tokenizer)) {
            return WordPiece.fromTokenizerJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " of model " + id + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(String resource) {
        InputStream in = Model.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("model " + id + " is not installed: " + resource
                    + " is not on the class path");
        }
        return in;
    }
}
