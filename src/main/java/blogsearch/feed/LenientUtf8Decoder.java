package blogsearch.feed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 as feeds in the wild write it: every valid UTF-8 sequence as UTF-8, every other byte as
 * Windows-1252. So a UTF-8 feed with smart quotes pasted in from a Windows editor (0x93 0x94), a Latin-1 feed that
 * declares UTF-8, and a UTF-8 feed that declares ISO-8859-1 all read as written, where a strict decoder shows
 * U+FFFD or mojibake. Text that really is Windows-1252 is misread only where a letter is followed by the exact
 * byte pattern of a UTF-8 sequence ("Ã©"), which is itself almost always mojibake.
 *
 * <p>The five bytes Windows-1252 leaves undefined become the C1 controls of the same value, as in browsers; later
 * cleaning turns controls into spaces.
 */
final class LenientUtf8Decoder extends CharsetDecoder {
    private static final char[] HIGH = highHalf();

    LenientUtf8Decoder() {
        // Reported as UTF-8: what it decodes, whenever the input is valid.
        super(StandardCharsets.UTF_8, 1.0f, 1.0f);
        // Only a sequence cut off by the end of the input is ever malformed here: U+FFFD, not an exception.
        onMalformedInput(CodingErrorAction.REPLACE);
    }

    @Override
    protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
            int p = in.position();
            int b = in.get(p) & 0xff;
            if (b < 0x80) {
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                out.put((char) b);
                in.position(p + 1);
                continue;
            }
            int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            int valid = length == 0 ? 0 : validPrefix(in, p, b, length);
            if (valid == length && length > 0) {
                int cp = b & (0xFF >> (length + 1));
                for (int i = 1; i < length; i++) {
                    cp = (cp << 6) | (in.get(p + i) & 0x3F);
                }
                if (out.remaining() < Character.charCount(cp)) {
                    return CoderResult.OVERFLOW;
                }
                if (Character.isBmpCodePoint(cp)) {
                    out.put((char) cp);
                } else {
                    out.put(Character.highSurrogate(cp)).put(Character.lowSurrogate(cp));
                }
                in.position(p + length);
                continue;
            }
            if (length > 0 && valid == in.limit() - p) {
                // A sequence that is valid so far and cut off by the buffer: wait for the rest. (Cut off by the
                // end of the input, the CharsetDecoder replaces it.)
                return CoderResult.UNDERFLOW;
            }
            if (!out.hasRemaining()) {
                return CoderResult.OVERFLOW;
            }
            out.put(windows1252(b));
            in.position(p + 1);
        }
        return CoderResult.UNDERFLOW;
    }

    /**
     * The character byte {@code b} (0x80 to 0xFF) stands for in Windows-1252, as browsers read it; its five undefined
     * bytes stand for the C1 controls of the same value.
     */
    static char windows1252(int b) {
        return HIGH[b - 0x80];
    }

    /** How many bytes from {@code p}, at most {@code length}, form the start of a valid sequence led by {@code b}. */
    private static int validPrefix(ByteBuffer in, int p, int b, int length) {
        int n = 1;
        while (n < length && p + n < in.limit()) {
            int c = in.get(p + n) & 0xff;
            // The second byte rules out overlong forms, surrogates and code points past U+10FFFF.
            int min = n > 1 ? 0x80 : b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            int max = n > 1 ? 0xBF : b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (c < min || c > max) {
                break;
            }
            n++;
        }
        return n;
    }

    /** Windows-1252 for bytes 0x80 to 0xFF; its undefined bytes as the C1 controls of the same value. */
    private static char[] highHalf() {
        byte[] bytes = new byte[0x80];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x80 + i);
        }
        char[] chars = new String(bytes, Charset.forName("windows-1252")).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '\uFFFD') {
                chars[i] = (char) (0x80 + i);
            }
        }
        return chars;
    }
}
