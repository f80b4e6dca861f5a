package blogsearch.post;

/**
 * What Unicode's bidirectional formatting characters mean in posts, decided once: those that reorder the
 * text around them are removed when a post is read; the marks, which only give neutral characters next to
 * them a direction, stay in the index and the page, and are left out of terminal output with the rest.
 */
public final class BidiControls {
    private BidiControls() {}

    /**
     * Embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069): they can make the text around
     * them read other than it is written ("Trojan Source"), so post text never keeps them.
     */
    public static boolean reorders(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C): invisible and harmless. */
    public static boolean isMark(int c) {
        return c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
