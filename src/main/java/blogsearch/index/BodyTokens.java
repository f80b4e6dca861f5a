package blogsearch.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The body's words as analyzed for the body field, kept to be indexed again in the words field: the
 * body is most of a post, and analyzing it twice made indexing a fifth slower. Fields are indexed in
 * the order they were added, body first; should that ever change, the words field analyzes the body
 * itself rather than index nothing.
 */
final class BodyTokens {
    private final String text;
    /** The field the body is analyzed for: its language's. */
    private final String field;
    private char[] chars = new char[256];
    private int[] ends = new int[64];
    private int count;
    /** How many of the recorded tokens end within the first {@value TermCounts#HEAD_CHARS} characters. */
    private int headCount;
    private boolean recorded;

    BodyTokens(String text, String field) {
        this.text = text;
        this.field = field;
    }

    TokenStream recording(TokenStream in) {
        return new TokenFilter(in) {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

            @Override
            public void reset() throws IOException {
                super.reset();
                count = 0;
                headCount = 0;
                recorded = false;
            }

            @Override
            public boolean incrementToken() throws IOException {
                if (!input.incrementToken()) {
                    return false;
                }
                int start = count == 0 ? 0 : ends[count - 1];
                int end = start + term.length();
                if (end > chars.length) {
                    chars = Arrays.copyOf(chars, Math.max(end, chars.length * 2));
                }
                if (count == ends.length) {
                    ends = Arrays.copyOf(ends, count * 2);
                }
                System.arraycopy(term.buffer(), 0, chars, start, term.length());
                ends[count++] = end;
                if (offset.endOffset() <= TermCounts.HEAD_CHARS) {
                    headCount = count;
                }
                return true;
            }

            @Override
            public void end() throws IOException {
                super.end();
                recorded = true;
            }
        };
    }

    /** The title's words and the recorded words of the body's head, counted. */
    TermCounts counts(String title) {
        if (!recorded) {
            return TermCounts.count(title, text, field);
        }
        List<String> terms = TermCounts.analyzed(title, Integer.MAX_VALUE, field);
        for (int i = 0; i < headCount; i++) {
            int start = i == 0 ? 0 : ends[i - 1];
            terms.add(new String(chars, start, ends[i] - start));
        }
        return TermCounts.of(terms, field);
    }

    TokenStream replay() {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private TokenStream fallback;
            private int next;

            @Override
            public void reset() throws IOException {
                super.reset();
                next = 0;
                if (!recorded) {
                    fallback = PostSchema.analyzer().tokenStream(field, text);
                    fallback.reset();
                }
            }

            @Override
            public boolean incrementToken() throws IOException {
                if (fallback != null) {
                    if (!fallback.incrementToken()) {
                        return false;
                    }
                    CharTermAttribute t = fallback.getAttribute(CharTermAttribute.class);
                    term.copyBuffer(t.buffer(), 0, t.length());
                    return true;
                }
                if (next == count) {
                    return false;
                }
                clearAttributes();
                int start = next == 0 ? 0 : ends[next - 1];
                term.copyBuffer(chars, start, ends[next] - start);
                next++;
                return true;
            }

            @Override
            public void end() throws IOException {
                super.end();
                if (fallback != null) {
                    fallback.end();
                }
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (fallback != null) {
                    fallback.close();
                    fallback = null;
                }
            }
        };
    }
}
