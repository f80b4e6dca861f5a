package blogsearch.embed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as the Hugging Face tokenizer.json of the packaged models describes it:
 * control characters dropped, CJK characters and punctuation split off, accents stripped, lower-cased, then
 * each word cut into the longest pieces the vocabulary holds. Every piece keeps the span of the word it came
 * from in the original text, so that a chunk of pieces maps back to a passage.
 */
public final class WordPiece {
    static final int CLS = 101;
    static final int SEP = 102;
    private static final int UNK = 100;
    /** A longer "word" (a URL, a hash) is one unknown piece, as in BERT. */
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocab;

    private WordPiece(Map<String, Integer> vocab) {
        this.vocab = vocab;
        for (String special : new String[] {"[CLS]", "[SEP]", "[UNK]"}) {
            if (!vocab.containsKey(special)) {
                throw new IllegalArgumentException("tokenizer vocabulary has no " + special);
            }
        }
        if (vocab.get("[CLS]") != CLS || vocab.get("[SEP]") != SEP || vocab.get("[UNK]") != UNK) {
            throw new IllegalArgumentException("tokenizer vocabulary is not BERT's: [CLS], [SEP], [UNK] are "
                    + vocab.get("[CLS]") + ", " + vocab.get("[SEP]") + ", " + vocab.get("[UNK]"));
        }
    }

    /** The tokenizer whose vocabulary is the {@code model.vocab} object of a Hugging Face tokenizer.json. */
    public static WordPiece fromTokenizerJson(InputStream json) {
        Map<String, Integer> vocab = new HashMap<>(40_000);
        try (JsonParser p = new JsonFactory().createParser(json)) {
            int depth = 0;
            boolean inModel = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                    inModel = "model".equals(p.currentName());
                } else if (t == JsonToken.FIELD_NAME && depth == 2 && inModel && "vocab".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String piece = p.currentName();
                        p.nextToken();
                        vocab.put(piece, p.getIntValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer: " + e.getMessage(), e);
        }
        if (vocab.isEmpty()) {
            throw new IllegalArgumentException("tokenizer.json has no model.vocab");
        }
        return new WordPiece(vocab);
    }

    /** The pieces of {@code text}, without [CLS] and [SEP]. */
    public Tokens tokenize(String text) {
        Tokens out = new Tokens(Math.max(16, text.length() / 4));
        int i = 0;
        int n = text.length();
        while (i < n) {
            int c = text.codePointAt(i);
            int len = Character.charCount(c);
            if (isWhitespace(c) || isControl(c)) {
                i += len;
            } else if (isPunctuation(c) || isCjk(c)) {
                addWord(text.substring(i, i + len), i, i + len, out);
                i += len;
            } else {
                // A word runs to the next whitespace, punctuation or CJK character; control characters inside
                // it are dropped without splitting it, as the normalizer removes them before splitting.
                StringBuilder word = new StringBuilder();
                int start = i;
                int end = i;
                while (i < n) {
                    c = text.codePointAt(i);
                    len = Character.charCount(c);
                    if (isWhitespace(c) || isPunctuation(c) || isCjk(c)) {
                        break;
                    }
                    if (!isControl(c)) {
                        word.appendCodePoint(c);
                        end = i + len;
                    }
                    i += len;
                }
                addWord(word.toString(), start, end, out);
            }
        }
        return out;
    }

    private void addWord(String raw, int start, int end, Tokens out) {
        String word = normalize(raw);
        if (word.isEmpty()) {
            return;
        }
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            out.add(UNK, start, end);
            return;
        }
        int mark = out.size();
        int from = 0;
        while (from < word.length()) {
            int to = word.length();
            Integer id = null;
            while (to > from) {
                String piece = from == 0 ? word.substring(from, to) : "##" + word.substring(from, to);
                id = vocab.get(piece);
                if (id != null) {
                    break;
                }
                to = word.offsetByCodePoints(to, -1);
            }
            if (id == null) {
                out.truncate(mark);
                out.add(UNK, start, end);
                return;
            }
            out.add(id, start, end);
            from = to;
        }
    }

    /** Accents stripped (decomposed, combining marks dropped) and lower-cased, as BERT's uncased normalizer. */
    private static String normalize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        if (ascii) {
            return lower;
        }
        String nfd = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isWhitespace(int c) {
        int type = Character.getType(c);
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        if (c == 0 || c == 0xFFFD) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** Piece ids with the span, in the original text, of the word each piece belongs to. */
    public static final class Tokens {
        private int[] ids;
        private int[] starts;
        private int[] ends;
        private int size;

        Tokens(int capacity) {
            ids = new int[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        void add(int id, int start, int end) {
            if (size == ids.length) {
                int grown = size * 2;
                ids = java.util.Arrays.copyOf(ids, grown);
                starts = java.util.Arrays.copyOf(starts, grown);
                ends = java.util.Arrays.copyOf(ends, grown);
            }
            ids[size] = id;
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        void truncate(int newSize) {
            size = newSize;
        }

        public int size() {
            return size;
        }

        public int id(int i) {
            return ids[i];
        }

        /** Where the word of piece {@code i} starts in the text. */
        public int start(int i) {
            return starts[i];
        }

        /** Where the word of piece {@code i} ends in the text (exclusive). */
        public int end(int i) {
            return ends[i];
        }

        /** Pieces {@code from} to {@code to} (exclusive) between [CLS] and [SEP], as the model takes them. */
        public long[] sequence(int from, int to) {
            long[] seq = new long[to - from + 2];
            seq[0] = CLS;
            for (int i = from; i < to; i++) {
                seq[i - from + 1] = ids[i];
            }
            seq[seq.length - 1] = SEP;
            return seq;
        }
    }
}
