package blogsearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WordPieceTest {
    static WordPiece tiny() {
        InputStream in = WordPieceTest.class.getResourceAsStream("/embed/tiny-tokenizer.json");
        return WordPiece.fromTokenizerJson(in);
    }

    static int[] ids(WordPiece.Tokens t) {
        int[] out = new int[t.size()];
        Arrays.setAll(out, t::id);
        return out;
    }

    private final WordPiece tiny = tiny();

    @Test
    void wordsAreCutIntoTheLongestPiecesTheVocabularyHolds() {
        assertThat(ids(tiny.tokenize("Playing the feeds, unplayable!")))
                .containsExactly(303, 304, 301, 306, 305, 201, 310, 311, 312, 200);
    }

    @Test
    void caseAndAccentsAreIgnored() {
        assertThat(ids(tiny.tokenize("CAFÉ Café cafe"))).containsExactly(302, 302, 302);
    }

    @Test
    void aWordWithAnUnknownRestIsOneUnknownPiece() {
        assertThat(ids(tiny.tokenize("playx the"))).containsExactly(100, 301);
    }

    @Test
    void chineseCharactersAreWordsOfTheirOwn() {
        assertThat(ids(tiny.tokenize("a東京"))).containsExactly(300, 313, 314);
    }

    @Test
    void invisibleFormatCharactersAreDroppedWithoutSplittingTheWord() {
        assertThat(ids(tiny.tokenize("pla\u200By\u00ADing"))).containsExactly(303, 304);
    }

    @Test
    void lineAndParagraphSeparatorsSeparateWords() {
        assertThat(ids(tiny.tokenize("play\u2028the\u2029blog"))).containsExactly(303, 301, 308);
    }

    @Test
    void aWordOverAHundredCharactersIsUnknown() {
        assertThat(tiny.tokenize("a".repeat(100)).size()).isEqualTo(100);
        assertThat(ids(tiny.tokenize("a".repeat(101)))).containsExactly(100);
    }

    @Test
    void everyPieceKnowsTheSpanOfItsWord() {
        String text = "  Playing the feeds";
        WordPiece.Tokens t = tiny.tokenize(text);
        assertThat(text.substring(t.start(0), t.end(0))).isEqualTo("Playing");
        assertThat(text.substring(t.start(1), t.end(1))).isEqualTo("Playing");
        assertThat(text.substring(t.start(2), t.end(2))).isEqualTo("the");
        assertThat(text.substring(t.start(4), t.end(4))).isEqualTo("feeds");
    }

    @Test
    void aSequenceIsFramedByClassifierAndSeparator() {
        assertThat(tiny.tokenize("the blog").sequence(0, 2)).containsExactly(101, 301, 308, 102);
    }

    @Test
    void aVocabularyWithoutBertsSpecialPiecesIsRefused() {
        String json = "{\"model\": {\"vocab\": {\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2}}}";
        assertThatThrownBy(() -> WordPiece.fromTokenizerJson(new ByteArrayInputStream(
                json.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("[CLS]");
    }

    // Expected ids from the reference (Hugging Face) tokenizer with the same tokenizer.json.
    @Test
    void theModelsVocabularyGivesTheReferenceTokenizersPieces() {
        WordPiece real = Model.BGE_SMALL_EN_V15_Q.wordPiece();
        assertThat(ids(real.tokenize("Hello, world!"))).containsExactly(7592, 1010, 2088, 999);
        assertThat(ids(real.tokenize("Tokenizing naïve CAFÉ résumés")))
                .containsExactly(19204, 6026, 15743, 7668, 13746, 2015);
        assertThat(ids(real.tokenize("unbelievably\u00ADlong\u2028words")))
                .containsExactly(4895, 8671, 2666, 3567, 6321, 10052, 2616);
        assertThat(ids(real.tokenize("e-mail me@example.com")))
                .containsExactly(1041, 1011, 5653, 2033, 1030, 2742, 1012, 4012);
    }
}
