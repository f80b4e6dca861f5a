package blogsearch.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * The rule that fuses a ranking by words with one by meaning, fixed before it was measured: each side scaled to
 * [0, 1] by its own minimum and maximum, half of each added; a post missing from one side gets nothing from it.
 */
final class Fusion {
    private Fusion() {}

    /** Each post of either side and its fused score, those found by words first, in their order. */
    static Map<Integer, Float> fuse(ScoreDoc[] words, ScoreDoc[] meaning) {
        Map<Integer, Float> fused = new LinkedHashMap<>();
        addScaled(fused, words);
        addScaled(fused, meaning);
        return fused;
    }

    private static void addScaled(Map<Integer, Float> fused, ScoreDoc[] side) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (ScoreDoc sd : side) {
            min = Math.min(min, sd.score);
            max = Math.max(max, sd.score);
        }
        for (ScoreDoc sd : side) {
            float scaled = max > min ? (sd.score - min) / (max - min) : 1f;
            fused.merge(sd.doc, 0.5f * scaled, Float::sum);
        }
    }
}
