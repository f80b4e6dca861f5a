package blogsearch.post;

/**
 * Text from outside (posts, feeds, queries) made safe for a terminal or a log line: escape sequences could rewrite
 * the screen, and a newline could forge a log line.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every unsafe character replaced by a space. */
    public static String of(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Control characters, and every bidirectional control: terminals lay out bidirectional text each in a way of
     * their own, if at all, and even a mark can move the punctuation next to it there.
     */
    public static boolean unsafe(int c) {
        return Character.getType(c) == Character.CONTROL || BidiControls.reorders(c) || BidiControls.isMark(c);
    }
}
