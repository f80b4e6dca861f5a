package blogsearch.feed;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.jsoup.nodes.Entities;

/**
 * Repairs what feeds in the wild get wrong about XML, where a single fault would make the whole feed
 * unreadable, in one pass over the characters:
 * <ul>
 *   <li>characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates) become spaces, and so
 *       do character references to them ({@code &#27;}, {@code &#x0;}) outside CDATA sections;</li>
 *   <li>HTML's named entities ({@code &nbsp;}, {@code &eacute;}, {@code &hellip;}), which XML does not know,
 *       become the characters they name;</li>
 *   <li>whitespace and comments before the XML declaration, which make the declaration invalid, are dropped.</li>
 * </ul>
 */
final class XmlCharFilter extends FilterReader {
    /** The longest reference judged: an HTML entity name of up to 31 letters, or "&#x0010FFFF;" with zeros to spare. */
    private static final int LOOKAHEAD = 40;
    private static final String CDATA_START = "<![CDATA[";
    private static final int MAX_ENTITY_NAME = 31;
    private static final java.util.Set<String> XML_ENTITIES = java.util.Set.of("amp", "lt", "gt", "quot", "apos");

    private final char[] window = new char[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean afterHigh; // the last char handed out was a high surrogate whose low half follows
    private boolean inCdata;
    private boolean started; // past any whitespace before the document

    XmlCharFilter(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        fill();
        if (pos == limit) {
            return -1;
        }
        if (!started) {
            skipPrologJunk();
            if (pos == limit) {
                return -1;
            }
        }
        // A reference or surrogate pair near the end of the window is judged once the rest of it has been read.
        int end = Math.min(pos + len, eof ? limit : limit - LOOKAHEAD);
        for (int i = pos; i < end; i++) {
            if (clean(i) > 0) {
                // What followed moved closer; hand out no more than the window still holds for judging.
                end = Math.max(i + 1, Math.min(end, eof ? limit : limit - LOOKAHEAD));
            }
        }
        int n = end - pos;
        System.arraycopy(window, pos, buf, off, n);
        pos = end;
        return n;
    }

    @Override
    public boolean ready() throws IOException {
        return pos < limit || in.ready();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
        throw new IOException("mark() not supported");
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("reset() not supported");
    }

    @Override
    public long skip(long n) throws IOException {
        char[] skipped = new char[(int) Math.min(n, window.length)];
        int r = read(skipped, 0, skipped.length);
        return Math.max(r, 0);
    }

    /**
     * Skips whitespace and comments before the document: an XML declaration after them is an error, and some
     * feeds are served with a blank line or a generator's comment first.
     */
    private void skipPrologJunk() throws IOException {
        while (true) {
            while (pos < limit && (Character.isWhitespace(window[pos]) || window[pos] == '\uFEFF')) {
                pos++;
            }
            if (pos == limit && !eof) {
                fill();
                continue;
            }
            if (startsWith(pos, "<!--")) {
                int close = indexOf(pos + 4, "-->");
                if (close >= 0) {
                    pos = close + 3;
                    fill();
                    continue;
                }
            }
            started = true;
            return;
        }
    }

    private int indexOf(int from, String s) {
        for (int i = from; i + s.length() <= limit; i++) {
            if (startsWith(i, s)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads until the window holds more than {@link #LOOKAHEAD} chars past {@code pos}, or the input ends. */
    private void fill() throws IOException {
        while (!eof && limit - pos <= LOOKAHEAD) {
            if (pos > 0) {
                System.arraycopy(window, pos, window, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(window, limit, window.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** Cleans the character at {@code i}; returns how many characters the window lost doing so. */
    private int clean(int i) {
        char c = window[i];
        int removed = 0;
        if (inCdata) {
            if (c == ']' && startsWith(i, "]]>")) {
                inCdata = false;
            }
        } else if (c == '<' && startsWith(i, CDATA_START)) {
            inCdata = true;
        } else if (c == '&' && i + 1 < limit && window[i + 1] == '#') {
            blankForbiddenReference(i);
        } else if (c == '&' && i + 1 < limit && Character.isLetter(window[i + 1])) {
            removed = replaceHtmlEntity(i);
            c = window[i];
        }
        if (Character.isHighSurrogate(c)) {
            afterHigh = i + 1 < limit && Character.isLowSurrogate(window[i + 1]);
            if (!afterHigh) {
                window[i] = ' ';
            }
            return removed;
        }
        if (Character.isLowSurrogate(c)) {
            if (!afterHigh) {
                window[i] = ' ';
            }
        } else if (!allowed(c)) {
            window[i] = ' ';
        }
        afterHigh = false;
        return removed;
    }

    /**
     * Replaces an HTML named entity at {@code amp} by the text it names, in place (it is never longer than the
     * entity); returns how much shorter the window became. XML's own five entities, and names neither XML nor
     * HTML knows, are left for the parser.
     */
    private int replaceHtmlEntity(int amp) {
        int i = amp + 1;
        int stop = Math.min(limit, amp + LOOKAHEAD);
        while (i < stop && i - amp <= MAX_ENTITY_NAME && Character.isLetterOrDigit(window[i]) && window[i] < 128) {
            i++;
        }
        if (i >= stop || window[i] != ';') {
            return 0;
        }
        String name = new String(window, amp + 1, i - amp - 1);
        if (XML_ENTITIES.contains(name) || !Entities.isNamedEntity(name)) {
            return 0;
        }
        String text = Entities.getByName(name);
        // Markup characters stay escaped, in XML's own words.
        String replacement = switch (text) {
            case "<" -> "&lt;";
            case ">" -> "&gt;";
            case "&" -> "&amp;";
            case "\"" -> "&quot;";
            case "'" -> "&apos;";
            default -> text;
        };
        int length = i + 1 - amp;
        if (replacement.isEmpty() || replacement.length() > length) {
            return 0;
        }
        replacement.getChars(0, replacement.length(), window, amp);
        int shrink = length - replacement.length();
        System.arraycopy(window, amp + length, window, amp + replacement.length(), limit - (amp + length));
        limit -= shrink;
        return shrink;
    }

    private boolean startsWith(int i, String s) {
        if (i + s.length() > limit) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (window[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Turns {@code &#27;} and the like into spaces; references to allowed characters are left to the parser. */
    private void blankForbiddenReference(int amp) {
        int i = amp + 2;
        boolean hex = i < limit && (window[i] == 'x' || window[i] == 'X');
        if (hex) {
            i++;
        }
        int digitsStart = i;
        long code = 0;
        int stop = Math.min(limit, amp + LOOKAHEAD);
        while (i < stop && Character.digit(window[i], hex ? 16 : 10) >= 0 && window[i] < 128) {
            code = Math.min(code * (hex ? 16 : 10) + Character.digit(window[i], hex ? 16 : 10), 0x110000);
            i++;
        }
        if (i == digitsStart || i >= stop || window[i] != ';') {
            return; // not a complete reference: the parser will say what is wrong with it
        }
        boolean forbidden = code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF
                || (code < 0x20 && code != '\t' && code != '\n' && code != '\r');
        if (forbidden) {
            for (int k = amp; k <= i; k++) {
                window[k] = ' ';
            }
        }
    }

    private static boolean allowed(char c) {
        return c < 0x20 ? c == '\t' || c == '\n' || c == '\r' : c != 0xFFFE && c != 0xFFFF;
    }
}
