package blogsearch.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A post's language: declared, told by its script, or detected from a few sentences of its text. */
class LanguageDeciderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | We moved the blog to a new server last week, and the search page is much faster than it was before.
            de | Letzte Woche haben wir das Blog auf einen neuen Server umgezogen, und die Suche ist jetzt viel schneller.
            fr | La semaine dernière, nous avons déplacé le blog sur un nouveau serveur, et la recherche est bien plus rapide.
            es | La semana pasada trasladamos el blog a un servidor nuevo y ahora la búsqueda es mucho más rápida que antes.
            it | La settimana scorsa abbiamo spostato il blog su un nuovo server e la ricerca è molto più veloce di prima.
            pt | Na semana passada mudámos o blogue para um servidor novo e a pesquisa ficou muito mais rápida do que antes.
            nl | Vorige week hebben we de blog naar een nieuwe server verhuisd en het zoeken gaat nu veel sneller dan vroeger.
            ru | На прошлой неделе мы перенесли блог на новый сервер, и теперь поиск работает гораздо быстрее, чем раньше.
            """)
    void aFewSentencesWithNothingDeclaredAreDetected(String language, String text) {
        assertThat(LanguageDecider.decide("", "", text)).isEqualTo(new Language(language, Language.How.DETECTED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ja | 先週ブログを新しいサーバーに移しました。検索がずっと速くなりました。
            zh | 上周我们把博客搬到了新的服务器，现在搜索比以前快多了。
            ko | 지난주에 블로그를 새 서버로 옮겼고 이제 검색이 훨씬 빨라졌습니다.
            th | สัปดาห์ที่แล้วเราย้ายบล็อกไปยังเซิร์ฟเวอร์ใหม่ และตอนนี้การค้นหาเร็วขึ้นมาก
            el | Την περασμένη εβδομάδα μεταφέραμε το ιστολόγιο σε νέο διακομιστή.
            """)
    void aScriptThatOneLanguageAloneUsesTellsTheLanguage(String language, String text) {
        assertThat(LanguageDecider.decide("", "", text)).isEqualTo(new Language(language, Language.How.SCRIPT));
    }

    @Test
    void japaneseWithSomeEnglishProductNamesIsStillJapanese() {
        String text = "Apache Kafka と Apache Flink を使って、リアルタイムのデータ処理基盤を構築しました。";

        assertThat(LanguageDecider.decide("", "", text).code()).isEqualTo("ja");
    }

    @Test
    void englishQuotingAFewChineseWordsStaysEnglish() {
        String text = "Our Chinese readers asked for a translation of the word 搜索, so we added it to the glossary page"
                + " together with the other terms that came up in the survey last month.";

        assertThat(LanguageDecider.decide("", "", text).code()).isEqualTo("en");
    }

    @Test
    void aDeclaredLanguageHoldsWhenTheTextIsInIt() {
        String text = "Die Suche findet jetzt auch Beiträge, deren Wörter anders gebeugt sind als in der Anfrage.";

        assertThat(LanguageDecider.decide("de-DE", "Neues aus dem Blog", text))
                .isEqualTo(new Language("de", Language.How.DECLARED));
    }

    @Test
    void anEnglishPostInAFeedDeclaredFrenchIsEnglish() {
        String text = "Join us for the next community call, where two of the maintainers will talk about what changed"
                + " in the release and answer the questions you send in before the meeting.";

        assertThat(LanguageDecider.decide("fr", "Community call", text))
                .isEqualTo(new Language("en", Language.How.DETECTED));
    }

    @Test
    void aDeclaredLanguageHoldsForTextTooShortToTellOtherwise() {
        assertThat(LanguageDecider.decide("fr", "Agenda", "2025-03-14, 10:00 UTC"))
                .isEqualTo(new Language("fr", Language.How.DECLARED));
    }

    @Test
    void aDeclaredLanguageHoldsForMadeUpWordsThatNoOtherLanguageClaims() {
        String text = "Kalomi bratune or zenivo plastra an ferolt, mistrave in dulbeno or kaspira. Ovrelt tiskane"
                + " an brolomi vestrak in pelunor or skavime, droviel an mutrasko in felvane.";

        assertThat(LanguageDecider.decide("en", "", text)).isEqualTo(new Language("en", Language.How.DECLARED));
        assertThat(LanguageDecider.decide("", "", text).code()).isIn("", "en");
    }

    @Test
    void kanjiWithoutKanaIsChineseUnlessDeclaredJapanese() {
        String text = "東京大学研究所発表";

        assertThat(LanguageDecider.decide("", "", text).code()).isEqualTo("zh");
        assertThat(LanguageDecider.decide("ja", "", text)).isEqualTo(new Language("ja", Language.How.DECLARED));
    }

    @Test
    void undeclaredProseIsToldByItsCommonWordsAndNeighboursByTheDetector() {
        String english = "We spent the whole weekend at the lake with our friends, and it was the first time in years "
                + "that the weather was good enough to swim. In the evening we cooked on the fire and talked about "
                + "the trip we want to make next summer, when the children are old enough to walk with us.";
        // Ukrainian shares many common words with Russian, whose commonest words alone must not decide it.
        String ukrainian = "Минулого тижня ми разом із друзями поїхали до моря. Погода була чудова, і ми щодня "
                + "купалися, а ввечері сиділи на березі та розмовляли про те, куди поїдемо наступного літа, коли "
                + "діти підростуть і зможуть ходити з нами в гори.";

        assertThat(LanguageDecider.decide("", "", english)).isEqualTo(new Language("en", Language.How.DETECTED));
        assertThat(LanguageDecider.decide("", "", ukrainian).code()).isEqualTo("uk");
    }

    @Test
    void textInLatinLettersIsNeverTakenForALanguageOfAnotherScript() {
        String polish = "W zeszłym tygodniu pojechaliśmy z przyjaciółmi nad morze. Pogoda była piękna, codziennie "
                + "pływaliśmy, a wieczorami siedzieliśmy na plaży i rozmawialiśmy o tym, dokąd pojedziemy latem.";

        assertThat(LanguageDecider.decide("", "", polish).code()).isEqualTo("pl");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | REPORT ON THE SURVEY OF PUBLIC LIBRARIES. DESCRIBES THE STOCK, STAFF AND LOANS OF EACH BRANCH.
            en | NOTES OF A LIBRARIAN: HOW READERS FIND THE BOOKS THEY WANT, AND WHAT THE CATALOGUE DOES FOR THEM.
            fr | COMPTE RENDU DE LA VISITE DES BIBLIOTHÈQUES MUNICIPALES ET DE LEURS NOUVEAUX SERVICES.
            """)
    void textWrittenInCapitalsIsToldAsItWouldBeInSmallLetters(String language, String text) {
        assertThat(LanguageDecider.decide("", "", text).code()).isEqualTo(language);
    }

    @Test
    void aShortTitleAloneWithNothingDeclaredIsUndecided() {
        assertThat(LanguageDecider.decide("", "Release notes", "")).isEqualTo(Language.UNDECIDED);
        assertThat(LanguageDecider.decide("", "", "")).isEqualTo(Language.UNDECIDED);
    }

    @Test
    void textOfNoLanguageIsUndecided() {
        String text = "x = 42; y = x * 7; z = y - 3; print(x, y, z); 0x1F 0x2E 0x3D 0x4C 0x5B 0x6A 0x79 0x88 0x97";

        assertThat(LanguageDecider.decide("", "", text)).isEqualTo(Language.UNDECIDED);
    }

    @Test
    void theSamePostGetsTheSameLanguageEveryTime() {
        String text = "Un texte court, écrit un peu vite, mais assez long pour que la langue se devine.";
        Language first = LanguageDecider.decide("", "", text);

        for (int i = 0; i < 20; i++) {
            assertThat(LanguageDecider.decide("", "", text)).isEqualTo(first);
        }
        assertThat(first.code()).isEqualTo("fr");
    }

    @Test
    void onlyTheStartOfALongPostIsRead() {
        String english = "This post starts in English and goes on in English for a good while, as most posts here do. ";
        String german = "Danach folgt ein langer Anhang auf Deutsch, der für die Sprache des Beitrags nicht zählt. ";
        String text = english.repeat(12) + german.repeat(200);

        assertThat(LanguageDecider.sample("Title", text)).hasSizeLessThanOrEqualTo(LanguageDecider.SAMPLE_CHARS + 6);
        assertThat(LanguageDecider.decide("", "", text).code()).isEqualTo("en");
    }
}
