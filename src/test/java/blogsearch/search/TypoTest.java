package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypoTest {
    @Test
    void editsCountASwapOfNeighbouringLettersAsOne() {
        assertThat(Typo.edits("lucnee", "lucene")).isEqualTo(1);
        assertThat(Typo.edits("classics", "classes")).isEqualTo(2);
        assertThat(Typo.edits("rust", "root")).isEqualTo(2);
        assertThat(Typo.edits("tornto", "toronto")).isEqualTo(1);
        assertThat(Typo.edits("same", "same")).isZero();
    }

    @Test
    void keysThatTouchAreNeighboursAndOthersAreNot() {
        assertThat(Typo.neighbours('s', 'w')).isTrue();
        assertThat(Typo.neighbours('s', 'e')).isTrue();
        assertThat(Typo.neighbours('s', 'x')).isTrue();
        assertThat(Typo.neighbours('s', 'z')).isTrue();
        assertThat(Typo.neighbours('u', 'i')).isTrue();
        assertThat(Typo.neighbours('s', 'q')).isFalse();
        assertThat(Typo.neighbours('s', 'c')).isFalse();
        assertThat(Typo.neighbours('m', 'p')).isFalse();
        assertThat(Typo.neighbours('a', 'e')).isFalse();
        assertThat(Typo.neighbours('é', 'e')).isFalse();
    }

    @Test
    void aSlipIsOneInsertionDeletionSwapOrNeighbouringKey() {
        assertThat(Typo.isSlip("helo", "hello")).isTrue();
        assertThat(Typo.isSlip("helllo", "hello")).isTrue();
        assertThat(Typo.isSlip("hlelo", "hello")).isTrue();
        assertThat(Typo.isSlip("hrllo", "hello")).isTrue();
        assertThat(Typo.isSlip("hellop", "hello")).isTrue();
        assertThat(Typo.isSlip("helm", "help")).isFalse();
        assertThat(Typo.isSlip("soap", "sap")).isFalse();
        assertThat(Typo.isSlip("rust", "rest")).isFalse();
        assertThat(Typo.isSlip("rust", "root")).isFalse();
    }
}
