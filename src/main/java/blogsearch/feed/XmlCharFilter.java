package blogsearch.feed;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Replaces characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates) with spaces.
 * Feeds in the wild contain them, and a single one would otherwise make the whole feed unreadable.
 */
final class XmlCharFilter extends FilterReader {
    private boolean pendingHigh; // the previous chunk ended on a high surrogate

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
        int n = in.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            char c = buf[i];
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < off + n) {
                    if (Character.isLowSurrogate(buf[i + 1])) {
                        i++;
                    } else {
                        buf[i] = ' ';
                    }
                } else {
                    pendingHigh = true; // judged with the next chunk
                    return n;
                }
            } else if (Character.isLowSurrogate(c)) {
                if (!pendingHigh || i != off) {
                    buf[i] = ' ';
                }
            } else if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0xFFFE || c == 0xFFFF) {
                buf[i] = ' ';
            }
            pendingHigh = false;
        }
        return n;
    }
}
