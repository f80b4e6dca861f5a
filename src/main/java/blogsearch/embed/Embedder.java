package blogsearch.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * A local sentence-embedding model: posts become one vector per passage, queries one vector, all of length 1,
 * so that a dot product is their cosine similarity. Nothing is fetched: the model comes from a jar on the class
 * path. Thread-safe; every call computes on its caller's thread.
 */
public final class Embedder implements AutoCloseable {
    /** A title longer than this many pieces is cut in the passages' heads: it is context, not the content. */
    static final int TITLE_PIECES = 32;

    private final Model model;
    private final WordPiece wordPiece;
    private final Encoder encoder;
    private final int dimensions;

    private Embedder(Model model) {
        this.model = model;
        this.wordPiece = model.wordPiece();
        this.encoder = new Encoder(model);
        this.dimensions = encoder.encode(new long[] {WordPiece.CLS, WordPiece.SEP}).length;
    }

    /** Loads {@code model} from its jar; throws naming the model if it is not on the class path. */
    public static Embedder open(Model model) {
        return new Embedder(model);
    }

    public Model model() {
        return model;
    }

    public int dimensions() {
        return dimensions;
    }

    /** The vector of a query: its words behind the model's query prefix, cut at the model's length. */
    public float[] query(String text) {
        WordPiece.Tokens t = wordPiece.tokenize(model.queryPrefix() + text);
        return encoder.encode(t.sequence(0, Math.min(t.size(), model.maxTokens() - 2)));
    }

    /**
     * The passages of a post: its text cut into pieces of at most {@code window} tokens, each headed by the title,
     * at most {@code max} of them, from the start. A post with no text is its title alone.
     */
    public List<Passage> passages(String title, String text, int window, int max) {
        return passages(wordPiece, title, text, Math.min(window, model.maxTokens()), max);
    }

    static List<Passage> passages(WordPiece wordPiece, String title, String text, int window, int max) {
        WordPiece.Tokens head = wordPiece.tokenize(title);
        int headSize = Math.min(head.size(), TITLE_PIECES);
        int room = window - 2 - headSize;
        if (room < 16 || max < 1) {
            throw new IllegalArgumentException("a window of " + window + " tokens leaves too little room for text");
        }
        WordPiece.Tokens body = wordPiece.tokenize(text);
        List<Passage> out = new ArrayList<>();
        int from = 0;
        do {
            int to = Math.min(body.size(), from + room);
            // Cut between words, not inside one, unless a single word fills the window.
            int cut = to;
            while (cut < body.size() && cut > from && body.start(cut) == body.start(cut - 1)) {
                cut--;
            }
            if (cut > from) {
                to = cut;
            }
            long[] seq = new long[headSize + (to - from) + 2];
            seq[0] = WordPiece.CLS;
            for (int i = 0; i < headSize; i++) {
                seq[1 + i] = head.id(i);
            }
            for (int i = from; i < to; i++) {
                seq[1 + headSize + i - from] = body.id(i);
            }
            seq[seq.length - 1] = WordPiece.SEP;
            int start = to > from ? body.start(from) : 0;
            int end = to > from ? body.end(to - 1) : 0;
            out.add(new Passage(start, end, seq));
            from = to;
        } while (from < body.size() && out.size() < max);
        return out;
    }

    /** The vectors of {@code passages}, in their order; a passage's vector does not depend on the others. */
    public float[][] embed(List<Passage> passages) {
        float[][] out = new float[passages.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encoder.encode(passages.get(i).sequence());
        }
        return out;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
