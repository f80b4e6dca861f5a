package blogsearch.embed;

/**
 * A stretch of a post as the model reads it: the title's pieces, then the pieces of the text from {@code start}
 * to {@code end} (character offsets in the text), between [CLS] and [SEP].
 */
public record Passage(int start, int end, long[] sequence) {
    /** The words of the text this passage covers. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
