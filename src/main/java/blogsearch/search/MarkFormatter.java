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
            if (start > 0 && start != lastEnd) {
                out.append(out.isEmpty() ? "" : " ").append(ELLIPSIS);
            } else if (!out.isEmpty()) {
                out.append(' ');
            }
            int pos = start;
            for (int i = 0; i < p.getNumMatches(); i++) {
                int ms = Math.max(p.getMatchStarts()[i], pos);
                int me = Math.min(p.getMatchEnds()[i], end);
                if (me <= ms) {
                    continue; // outside the window, or inside a match already marked
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
            out.append(ELLIPSIS);
        }
        return out.toString().strip();
    }

    private static int wordStart(String s, int i, int floor) {
        int j = Math.max(i, floor);
        while (j > floor && !Character.isWhitespace(s.charAt(j - 1))) {
            j--;
        }
        return j;
    }

    private static int wordEnd(String s, int i, int ceiling) {
        int j = Math.min(i, ceiling);
        while (j < ceiling && !Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }
}
