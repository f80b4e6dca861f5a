package blogsearch.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as escaped HTML with matches in {@code <mark>}. Over-long passages
 * (a sentence without breaks) are cut to a window around their first match.
 */
final class MarkFormatter extends PassageFormatter {
    static final String ELLIPSIS = "…";
    private final int maxPassageChars;

    /** @param maxPassageChars longer passages are windowed; 0 for no limit (a whole post) */
    MarkFormatter(int maxPassageChars) {
        this.maxPassageChars = maxPassageChars;
    }

    @Override
    public String format(Passage[] passages, String content) {
        StringBuilder out = new StringBuilder();
        int lastEnd = -1;
        for (Passage p : passages) {
            int start = p.getStartOffset();
            int end = p.getEndOffset();
            if (maxPassageChars > 0 && end - start > maxPassageChars) {
                int firstMatch = p.getNumMatches() > 0 ? p.getMatchStarts()[0] : start;
                start = Math.max(start, wordStart(content, firstMatch - maxPassageChars / 3, start));
                end = Math.min(end, wordEnd(content, start + maxPassageChars, end));
            }
            while (start < end && Character.isWhitespace(content.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
                end--;
            }
            if (start > 0 && !(lastEnd >= 0 && lastEnd <= start && content.substring(lastEnd, start).isBlank())) {
                out.append(out.isEmpty() ? "" : " ").append(ELLIPSIS);
            } else if (!out.isEmpty()) {
                out.append(' ');
            }
            int pos = start;
            for (int i = 0; i < p.getNumMatches(); i++) {
                if (p.getMatchStarts()[i] < start || p.getMatchEnds()[i] > end) {
                    continue; // cut by the window: half a word is not marked (text without spaces is cut anywhere)
                }
                int ms = Math.max(p.getMatchStarts()[i], pos);
                int me = p.getMatchEnds()[i];
                if (me <= ms) {
                    continue; // inside a match already marked
                }
                Html.escape(content, pos, ms, out);
                out.append("<mark>");
                Html.escape(content, ms, me, out);
                out.append("</mark>");
                pos = me;
            }
            Html.escape(content, pos, end, out);
            lastEnd = end;
        }
        if (lastEnd >= 0 && lastEnd < content.length()) {
            // After a full sentence "week. …" reads better than "week.…".
            char last = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
            out.append(last == '.' || last == '!' || last == '?' ? " " + ELLIPSIS : ELLIPSIS);
        }
        return out.toString().strip();
    }

    /*
     * A window edge moves to the nearest space at most WORD_SLACK characters away. Text with no spaces
     * (long URLs, comma lists, scripts written without spaces) is cut mid-word instead: searching without
     * a limit ran to the passage's start and end, so such a post's "snippet" was its whole text, and the
     * match could lie outside the window.
     */
    static final int WORD_SLACK = 20;

    private static int wordStart(String s, int i, int floor) {
        int from = Math.max(i, floor);
        int limit = Math.max(floor, from - WORD_SLACK);
        for (int j = from; j >= limit; j--) {
            if (j == floor || Character.isWhitespace(s.charAt(j - 1))) {
                return j;
            }
        }
        return notInsidePair(s, from);
    }

    private static int wordEnd(String s, int i, int ceiling) {
        int from = Math.min(i, ceiling);
        int limit = Math.min(ceiling, from + WORD_SLACK);
        for (int j = from; j <= limit; j++) {
            if (j == ceiling || Character.isWhitespace(s.charAt(j))) {
                return j;
            }
        }
        return notInsidePair(s, from);
    }

    /** {@code i}, or one less if a cut at {@code i} would split a surrogate pair. */
    private static int notInsidePair(String s, int i) {
        return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i))
                && Character.isHighSurrogate(s.charAt(i - 1)) ? i - 1 : i;
    }
}
