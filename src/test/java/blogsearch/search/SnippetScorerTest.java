package blogsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SnippetScorerTest {
    @Test
    void scoresPassagesAsLucenesScorerDoes() {
        PassageScorer lucene = new PassageScorer();
        SnippetScorer ours = new SnippetScorer();
        SplittableRandom r = new SplittableRandom(7);
        String[] words = {"heat", "flow", "slab", "wing", "shock"};
        for (int round = 0; round < 2_000; round++) {
            Passage p = new Passage();
            int start = r.nextInt(5_000);
            p.setStartOffset(start);
            p.setEndOffset(start + 140 + r.nextInt(200)); // room for every match below
            int matches = r.nextInt(12);
            int offset = start;
            for (int i = 0; i < matches; i++) {
                int w = r.nextInt(words.length);
                offset += 1 + r.nextInt(10);
                // A word's frequency in the document is a property of the word, as in a real passage.
                p.addMatch(offset, offset + 4, new BytesRef(words[w]), 1 + w * 3);
            }
            int contentLength = p.getEndOffset() + r.nextInt(10_000);
            float expected = lucene.score(p, contentLength);
            assertEquals(expected, ours.score(p, contentLength), Math.abs(expected) * 1e-5f + 1e-7f,
                    "passage " + p);
        }
    }

    @Test
    void repeatedWordsScoreMoreThanOneButLessThanDistinctOnes() {
        SnippetScorer s = new SnippetScorer();
        Passage once = passage("heat");
        Passage twice = passage("heat", "heat");
        Passage two = passage("heat", "flow");
        assertTrue(s.score(twice, 1_000) > s.score(once, 1_000));
        assertTrue(s.score(two, 1_000) > s.score(twice, 1_000));
    }

    private static Passage passage(String... terms) {
        Passage p = new Passage();
        p.setStartOffset(0);
        p.setEndOffset(100);
        for (int i = 0; i < terms.length; i++) {
            p.addMatch(i * 10, i * 10 + 4, new BytesRef(terms[i]), 3);
        }
        return p;
    }
}
