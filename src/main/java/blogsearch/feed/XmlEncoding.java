package blogsearch.feed;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the first four bytes of an XML document say about its encoding, as XML 1.0's appendix F (and browsers)
 * read them: a byte order mark, or else the zero bytes that ASCII characters such as {@code <?xml} have in
 * UTF-16 and UTF-32. Any other start is an ASCII-compatible encoding, named by the declaration.
 */
final class XmlEncoding {
    static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** The encoding the bytes show, and how many of them are its byte order mark. */
    record Sniffed(Charset charset, int bomLength) {}

    private XmlEncoding() {}

    /** The encoding {@code head} (the document's first bytes) shows, or null if it is ASCII-compatible. */
    static Sniffed sniff(byte[] head) {
        int[] b = new int[4];
        for (int i = 0; i < b.length; i++) {
            b[i] = i < head.length ? head[i] & 0xFF : -1;
        }
        // UTF-32LE's mark starts as UTF-16LE's does, so the longer one is looked for first.
        if (b[0] == 0x00 && b[1] == 0x00 && b[2] == 0xFE && b[3] == 0xFF) {
            return new Sniffed(UTF_32BE, 4);
        }
        if (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0x00 && b[3] == 0x00) {
            return new Sniffed(UTF_32LE, 4);
        }
        if (b[0] == 0xFE && b[1] == 0xFF) {
            return new Sniffed(StandardCharsets.UTF_16BE, 2);
        }
        if (b[0] == 0xFF && b[1] == 0xFE) {
            return new Sniffed(StandardCharsets.UTF_16LE, 2);
        }
        if (b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            return new Sniffed(StandardCharsets.UTF_8, 3);
        }
        if (b[3] < 0) {
            return null; // too short to tell
        }
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
            return new Sniffed(UTF_32BE, 0);
        }
        if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
            return new Sniffed(UTF_32LE, 0);
        }
        if (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) {
            return new Sniffed(StandardCharsets.UTF_16BE, 0);
        }
        if (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) {
            return new Sniffed(StandardCharsets.UTF_16LE, 0);
        }
        return null;
    }

    /** Whether {@code c} writes every character in two or four bytes: an ASCII-compatible start cannot be it. */
    static boolean isWide(Charset c) {
        String name = c.name().toUpperCase(Locale.ROOT);
        return name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("X-UTF-16")
                || name.startsWith("X-UTF-32");
    }
}
