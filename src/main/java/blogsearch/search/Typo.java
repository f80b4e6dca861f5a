package blogsearch.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far one word is from another as typed: edits counted with transpositions, and whether a single edit
 * is a slip of a finger. Short words have many real neighbours one edit away ("rust", "rest", "must"), so a
 * short word is only respelled across a slip: a letter doubled, dropped or added, two letters swapped, or a
 * key struck beside the right one.
 */
public final class Typo {
    /** The letter keys by row, on the QWERTY layout most keyboards share. */
    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    /** Up to this length a word is respelled only by one slip of a finger. */
    static final int SHORT_WORD_CHARS = 5;
    /** From this length a word may be two edits from what was meant; shorter ones, one edit. */
    static final int LONG_WORD_CHARS = 8;
    /** A second edit makes a candidate this much less likely than one edit away. */
    private static final double SECOND_EDIT_WEIGHT = 0.1;
    /** The best candidate must be this many times likelier than the next one: a clear winner, or nothing. */
    private static final double CLEAR_WINNER = 2;

    private Typo() {}

    /** How many edits away from {@code typed} a word it may be meant as can be. */
    public static int maxEdits(String typed) {
        return typed.length() >= LONG_WORD_CHARS ? 2 : 1;
    }

    /**
     * How likely {@code typed} is {@code candidate} mistyped, per post using the candidate: 1 one edit away, less
     * two edits away (long words only), 0 when it cannot be (too far, or a short word not one slip away).
     */
    public static double weight(String typed, String candidate) {
        int edits = edits(typed, candidate);
        if (edits == 0 || edits > maxEdits(typed) || (typed.length() <= SHORT_WORD_CHARS && !isSlip(typed, candidate))) {
            return 0;
        }
        return edits == 1 ? 1 : SECOND_EDIT_WEIGHT;
    }

    /** The most likely word, if it is clearly likelier than the next (ties broken alphabetically). */
    public static Optional<String> clearWinner(Map<String, Double> likelihood) {
        List<Map.Entry<String, Double>> ranked = likelihood.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        boolean unclear = ranked.size() > 1 && ranked.get(0).getValue() < CLEAR_WINNER * ranked.get(1).getValue();
        return ranked.isEmpty() || unclear ? Optional.empty() : Optional.of(ranked.get(0).getKey());
    }

    /** Insertions, deletions, substitutions and swaps of neighbouring letters turning {@code a} into {@code b}. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Whether {@code typed} is {@code meant} with one slip: a letter left out, a letter doubled or struck with
     * its neighbour, two letters swapped, or a neighbouring key instead of the right one.
     */
    static boolean isSlip(String typed, String meant) {
        if (edits(typed, meant) != 1) {
            return false;
        }
        int i = 0;
        if (typed.length() < meant.length()) {
            return true; // a key not struck hard enough
        }
        if (typed.length() > meant.length()) {
            // A key struck twice, or with the one beside it.
            while (i < meant.length() && typed.charAt(i) == meant.charAt(i)) {
                i++;
            }
            char extra = typed.charAt(i);
            return (i > 0 && touches(extra, typed.charAt(i - 1)))
                    || (i + 1 < typed.length() && touches(extra, typed.charAt(i + 1)));
        }
        while (typed.charAt(i) == meant.charAt(i)) {
            i++;
        }
        boolean swapped = i + 1 < typed.length() && typed.charAt(i) == meant.charAt(i + 1)
                && typed.charAt(i + 1) == meant.charAt(i);
        return swapped || neighbours(typed.charAt(i), meant.charAt(i));
    }

    private static boolean touches(char a, char b) {
        return a == b || neighbours(a, b);
    }

    /** Whether two letter keys touch: beside each other in a row, or diagonally in the rows above and below. */
    static boolean neighbours(char a, char b) {
        int[] pa = position(a);
        int[] pb = position(b);
        if (pa == null || pb == null) {
            return false;
        }
        int rows = pb[0] - pa[0];
        int cols = pb[1] - pa[1];
        // Each row sits about half a key to the right of the one above it.
        return switch (rows) {
            case 0 -> Math.abs(cols) == 1;
            case 1 -> cols == 0 || cols == -1;
            case -1 -> cols == 0 || cols == 1;
            default -> false;
        };
    }

    private static int[] position(char c) {
        for (int r = 0; r < ROWS.length; r++) {
            int col = ROWS[r].indexOf(Character.toLowerCase(c));
            if (col >= 0) {
                return new int[] {r, col};
            }
        }
        return null;
    }
}
