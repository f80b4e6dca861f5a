package blogsearch.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Language tags as feeds and pages write them, read as plain language codes. */
class LanguageTest {

    @Test
    void regionCaseAndUnderscoreAreDropped() {
        assertThat(Language.code("en-US")).isEqualTo("en");
        assertThat(Language.code("zh_CN")).isEqualTo("zh");
        assertThat(Language.code(" DE ")).isEqualTo("de");
        assertThat(Language.code("zh-Hant-TW")).isEqualTo("zh");
    }

    @Test
    void oldAndAlternativeCodesBecomeTheOnesAnalyzersKnow() {
        assertThat(Language.code("nb")).isEqualTo("no");
        assertThat(Language.code("nn-NO")).isEqualTo("no");
        assertThat(Language.code("iw")).isEqualTo("he");
        assertThat(Language.code("in")).isEqualTo("id");
    }

    @Test
    void anythingThatIsNotALanguageTagIsNoLanguage() {
        assertThat(Language.code("")).isEmpty();
        assertThat(Language.code(null)).isEmpty();
        assertThat(Language.code("english")).isEmpty();
        assertThat(Language.code("x-default")).isEmpty();
        assertThat(Language.code("und")).isEmpty();
        assertThat(Language.code("<script>")).isEmpty();
    }

    @Test
    void aLanguageNamesItsCodeAndHowItWasDecided() {
        assertThatThrownBy(() -> new Language("EN", Language.How.DECLARED)).hasMessageContaining("'EN'");
        assertThatThrownBy(() -> new Language("", Language.How.DETECTED)).hasMessageContaining("DETECTED");
        assertThat(Language.UNDECIDED.code()).isEmpty();
    }
}
