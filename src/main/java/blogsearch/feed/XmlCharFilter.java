package blogsearch.feed;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Replaces characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates) with spaces, and so
 * do character references to them ({@code &#27;}, {@code &#x0;}) outside CDATA sections. Feeds in the wild
 * contain both, and a single one would otherwise make the whole feed unreadable.
 */
final class XmlCharFilter extends FilterReader {
    /** The longest character reference judged, "&#x0010FFFF;" with a few leading zeros to spare. */
    private static final int LOOKAHEAD = 16;
    private static final String CDATA_START = "<![CDATA[";

    private final char[] window = new char[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean afterHigh; // the last char handed out was a high surrogate whose low half follows
    private boolean inCdata;

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
        // A reference or surrogate pair near the end of the window is judged once the rest of it has been read.
        int end = Math.min(pos + len, eof ? limit : limit - LOOKAHEAD);
        for (int i = pos; i < end; i++) {
            clean(i);
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

    private void clean(int i) {
        char c = window[i];
        if (inCdata) {
            if (c == ']' && startsWith(i, "]]>")) {
                inCdata = false;
            }
        } else if (c == '<' && startsWith(i, CDATA_START)) {
            inCdata = true;
        } else if (c == '&' && i + 1 < limit && window[i + 1] == '#') {
            blankForbiddenReference(i);
        }
        if (Character.isHighSurrogate(c)) {
            afterHigh = i + 1 < limit && Character.isLowSurrogate(window[i + 1]);
            if (!afterHigh) {
                window[i] = ' ';
            }
            return;
        }
        if (Character.isLowSurrogate(c)) {
            if (!afterHigh) {
                window[i] = ' ';
            }
        } else if (!allowed(c)) {
            window[i] = ' ';
        }
        afterHigh = false;
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
