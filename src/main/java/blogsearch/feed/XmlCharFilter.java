package blogsearch.feed;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Repairs what feeds in the wild get wrong about XML, where a single fault would make the whole feed
 * unreadable, in one pass over the characters:
 * <ul>
 *   <li>characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates) become spaces, and so
 *       do character references to them ({@code &#27;}, {@code &#x0;}) outside CDATA sections;</li>
 *   <li>C1 controls (U+0080 to U+009F) and references to them ({@code &#146;}) become the Windows-1252 characters
 *       of the same number, as in browsers: they are smart quotes and dashes from a Windows editor, never
 *       controls;</li>
 *   <li>HTML's named entities ({@code &nbsp;}, {@code &eacute;}, {@code &hellip;}), which XML does not know,
 *       become the characters they name;</li>
 *   <li>an ampersand that starts no reference ({@code ?a=1&b=2}, {@code Tom & Jerry}) is text, and
 *       {@code &#X41;} is read as {@code &#x41;}; both are counted as {@link #repairs()};</li>
 *   <li>whitespace and comments before the XML declaration, which make the declaration invalid, are dropped.</li>
 * </ul>
 */
final class XmlCharFilter extends FilterReader {
    /** The longest reference judged: an HTML entity name of up to 31 letters, or "&#x0010FFFF;" with zeros to spare. */
    private static final int LOOKAHEAD = 40;
    /** Where an ampersand is text (CDATA sections, comments, processing instructions): opener and closer. */
    private static final List<String> OPAQUE = List.of("<![CDATA[", "]]>", "<!--", "-->", "<?", "?>");
    private static final int MAX_ENTITY_NAME = 31;
    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

    private char[] window = new char[8192]; // grows when escaping bare ampersands makes the text longer
    private int pos;
    private int limit;
    private boolean eof;
    private boolean afterHigh; // the last char handed out was a high surrogate whose low half follows
    private String closer; // the end of the CDATA section, comment or processing instruction being read, else null
    private boolean started; // past any whitespace before the document
    private int bareAmpersands;
    private int upperCaseHex;

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
            if (clean(i) < 0) {
                // What followed moved closer; hand out no more than the window still holds for judging.
                end = Math.max(i + 1, Math.min(end, eof ? limit : limit - LOOKAHEAD));
            }
        }
        int n = end - pos;
        System.arraycopy(window, pos, buf, off, n);
        pos = end;
        return n;
    }

    /** What was repaired so far that made the document invalid XML, in words; empty if nothing. */
    List<String> repairs() {
        List<String> out = new ArrayList<>();
        if (bareAmpersands > 0) {
            out.add("read " + bareAmpersands + " bare '&' as text");
        }
        if (upperCaseHex > 0) {
            out.add("read " + upperCaseHex + " '&#X' references as '&#x'");
        }
        return out;
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

    /** Cleans the character at {@code i}; returns by how much the window grew (negative: shrank) doing so. */
    private int clean(int i) {
        char c = window[i];
        int change = 0;
        if (closer != null) {
            if (c == closer.charAt(0) && startsWith(i, closer)) {
                closer = null;
            }
        } else if (c == '<') {
            for (int k = 0; k < OPAQUE.size(); k += 2) {
                if (startsWith(i, OPAQUE.get(k))) {
                    closer = OPAQUE.get(k + 1);
                    break;
                }
            }
        } else if (c == '&') {
            change = i + 1 < limit && window[i + 1] == '#' ? numericReference(i) : namedReference(i);
            c = window[i];
        }
        if (c >= 0x80 && c <= 0x9F) {
            c = LenientUtf8Decoder.windows1252(c);
            window[i] = c;
        }
        if (Character.isHighSurrogate(c)) {
            afterHigh = i + 1 < limit && Character.isLowSurrogate(window[i + 1]);
            if (!afterHigh) {
                window[i] = ' ';
            }
            return change;
        }
        if (Character.isLowSurrogate(c)) {
            if (!afterHigh) {
                window[i] = ' ';
            }
        } else if (!allowed(c)) {
            window[i] = ' ';
        }
        afterHigh = false;
        return change;
    }

    /**
     * Judges an ampersand at {@code amp} that starts no character reference. An HTML named entity is replaced by
     * the text it names, in place (it is never longer than the entity); XML's own five entities, and other names
     * ending in ';', are left for the parser (which refuses entities declared in a DTD); an ampersand followed by
     * anything else is text and gets escaped. Returns by how much the window grew (negative: shrank).
     */
    private int namedReference(int amp) {
        int i = amp + 1;
        int stop = Math.min(limit, amp + LOOKAHEAD);
        if (i < stop && (Character.isLetter(window[i]) || window[i] == '_' || window[i] == ':')) {
            while (i < stop && (Character.isLetterOrDigit(window[i]) || ".-_:".indexOf(window[i]) >= 0)) {
                i++;
            }
        }
        if (i == amp + 1 || i >= stop || window[i] != ';') {
            return escapeAmpersand(amp);
        }
        if (i - amp > MAX_ENTITY_NAME + 1) {
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
        return replace(amp, length, replacement);
    }

    /** Puts {@code text} in place of the {@code length} chars at {@code at}; returns by how much the window grew. */
    private int replace(int at, int length, String text) {
        int change = text.length() - length;
        if (limit + change > window.length) {
            window = Arrays.copyOf(window, window.length * 2);
        }
        System.arraycopy(window, at + length, window, at + text.length(), limit - (at + length));
        text.getChars(0, text.length(), window, at);
        limit += change;
        return change;
    }

    /** An ampersand that starts no reference is text, as feed readers and browsers take it. */
    private int escapeAmpersand(int amp) {
        bareAmpersands++;
        return replace(amp, 1, "&amp;");
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

    /**
     * Judges the character reference at {@code amp}: one to a character XML forbids ({@code &#27;}) becomes spaces,
     * one to a C1 control ({@code &#146;}) the Windows-1252 character, {@code &#X41;} is read as {@code &#x41;}, and
     * an incomplete one ({@code &#;}, {@code &#12a}) is text. Returns by how much the window grew.
     */
    private int numericReference(int amp) {
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
            return escapeAmpersand(amp);
        }
        if (window[amp + 2] == 'X') {
            window[amp + 2] = 'x'; // XML knows the lower-case form only
            upperCaseHex++;
        }
        boolean forbidden = code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF
                || (code < 0x20 && code != '\t' && code != '\n' && code != '\r');
        if (forbidden) {
            for (int k = amp; k <= i; k++) {
                window[k] = ' ';
            }
        } else if (code >= 0x80 && code <= 0x9F) {
            return replace(amp, i + 1 - amp, String.valueOf(LenientUtf8Decoder.windows1252((int) code)));
        }
        return 0;
    }

    private static boolean allowed(char c) {
        return c < 0x20 ? c == '\t' || c == '\n' || c == '\r' : c != 0xFFFE && c != 0xFFFF;
    }
}
