package blogsearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {
    private final WordPiece tiny = WordPieceTest.tiny();

    @Test
    void aLongTextIsCutIntoWindowsEachHeadedByTheTitle() {
        String text = "the blog ".repeat(40);
        List<Passage> passages = Embedder.passages(tiny, "RSS", text, 32, 10);
        assertThat(passages).hasSize(3);
        for (Passage p : passages) {
            assertThat(p.sequence().length).isLessThanOrEqualTo(32);
            assertThat(Arrays.copyOf(p.sequence(), 2)).containsExactly(101, 309);
            assertThat(p.sequence()[p.sequence().length - 1]).isEqualTo(102);
        }
        assertThat(passages.get(0).start()).isZero();
        assertThat(passages.get(2).end()).isEqualTo(text.strip().length());
        assertThat(passages.stream().mapToInt(p -> p.sequence().length - 3).sum()).isEqualTo(80);
    }

    @Test
    void windowsEndBetweenWordsAndMapBackToTheText() {
        String text = "playing ".repeat(20);
        List<Passage> passages = Embedder.passages(tiny, "", text, 19, 10);
        for (Passage p : passages) {
            assertThat(p.of(text)).matches("playing( playing)*");
        }
        assertThat(passages.get(1).start()).isEqualTo(passages.get(0).end() + 1);
    }

    @Test
    void onlyTheFirstPassagesAreKept() {
        List<Passage> passages = Embedder.passages(tiny, "", "the ".repeat(100), 18, 2);
        assertThat(passages).hasSize(2);
        assertThat(passages.get(1).end()).isEqualTo(32 * 4 - 1);
    }

    @Test
    void aPostWithoutTextIsItsTitle() {
        List<Passage> passages = Embedder.passages(tiny, "The blog", "", 64, 4);
        assertThat(passages).singleElement()
                .satisfies(p -> assertThat(p.sequence()).containsExactly(101, 301, 308, 102));
    }

    @Test
    void aLongTitleIsCutSoThatTextStillFits() {
        List<Passage> passages = Embedder.passages(tiny, "blog ".repeat(200), "the feed", 64, 4);
        assertThat(passages).singleElement().satisfies(p -> {
            assertThat(p.sequence()).hasSize(Embedder.TITLE_PIECES + 4);
            assertThat(p.of("the feed")).isEqualTo("the feed");
        });
    }

    @Test
    void aWindowTooSmallForTextIsRefusedNamingIt() {
        assertThatThrownBy(() -> Embedder.passages(tiny, "", "the blog", 10, 4)).hasMessageContaining("10 tokens");
    }
}
