package blogsearch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCollectionTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void ndcgWeighsEachRelevantDocumentByItsGainAndRank() {
        Map<String, Integer> judged = Map.of("a", 2, "b", 1, "c", 1, "n", 0);
        double ideal = 2 + 1 / LOG2_3 + 1 / 2.0;
        assertThat(TestCollection.ndcgAt10(List.of("a", "n", "b"), judged))
                .isCloseTo((2 + 1 / 2.0) / ideal, within(1e-9));
        assertThat(TestCollection.ndcgAt10(List.of("a", "b", "c", "x"), judged)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void onlyTheFirstTenCount() {
        List<String> ranked = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a");
        assertThat(TestCollection.ndcgAt10(ranked, Map.of("a", 1))).isZero();
    }

    @Test
    void aQuestionWithNothingRelevantScoresZero() {
        assertThat(TestCollection.ndcgAt10(List.of("a"), Map.of("a", 0))).isZero();
    }
}
