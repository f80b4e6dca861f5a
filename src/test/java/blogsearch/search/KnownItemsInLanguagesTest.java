package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.Marks;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.Hit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Posts found by a word in another form than they write it, in their own language's terms, with spelling
 * correction off: each language's stemming, dictionary word segmentation where words have no spaces between them,
 * and marks around whole words in every script.
 */
class KnownItemsInLanguagesTest {

    @RegisterExtension
    static final FixtureIndex FIXTURE = new FixtureIndex("/search/known-items.atom", 12);

    private static SearchResult search(String query) {
        return FIXTURE.service().search(SearchRequest.of(query).withRespell(false));
    }

    private static List<String> titles(String query) {
        return search(query).hits().stream().map(Hit::title).toList();
    }


    /** The marked words of the only hit's title and snippet. */
    private static List<String> marks(String query) {
        SearchResult r = search(query);
        assertThat(r.hits()).as(query).hasSize(1);
        List<String> all = new ArrayList<>(Marks.in(r.hits().get(0).titleHtml()));
        all.addAll(Marks.in(r.hits().get(0).snippet()));
        return all;
    }

    @Test
    void aGermanPostIsFoundByTheSingularOfAWordItWritesInThePlural() {
        assertThat(titles("Brücke")).containsExactly("Über alle Brücken der Altstadt");
        assertThat(marks("Brücke")).containsOnly("Brücken");
    }

    @Test
    void aFrenchPostIsFoundByTheSingularOfAnIrregularPlural() {
        assertThat(titles("cheval")).containsExactly("Le matin au village");
        assertThat(marks("cheval")).containsExactly("chevaux");
    }

    @Test
    void aSpanishPostIsFoundByTheMasculineSingularOfAFemininePlural() {
        assertThat(titles("antiguo")).containsExactly("Noches de verano en la playa");
        assertThat(marks("antiguo")).containsExactly("antiguas");
        assertThat(marks("canción")).containsExactly("canciones");
    }

    @Test
    void aRussianPostIsFoundByTheNominativeOfAWordItWritesInAnotherCase() {
        assertThat(titles("книга")).containsExactly("Библиотека нашего города");
        assertThat(marks("книга")).containsExactly("книги");
        assertThat(marks("библиотека")).containsExactly("Библиотека", "библиотеке");
    }

    @Test
    void aChinesePostIsFoundByAWordInsideASentenceWithoutSpacesAndNotByItsCharactersScattered() {
        // The other Chinese post has 自, 行 and 车 too, in other words.
        assertThat(titles("自行车")).containsExactly("周末去湖边");
        assertThat(marks("自行车")).containsExactly("自行车");
    }

    @Test
    void aJapanesePostIsFoundByAWordInsideASentenceWithoutSpacesAndNotByItsCharactersScattered() {
        // The other post has 自, 転 and 車 too, in 自分, 運転 and 車.
        assertThat(titles("自転車")).containsExactly("川沿いの公園");
        assertThat(marks("自転車")).containsExactly("自転車");
    }

    @Test
    void noPostInAnotherLanguageIsFoundThroughAStemItsLanguageShares() {
        // English stemming makes "organ" of "organization", German stemming makes it of "Organe".
        assertThat(titles("organization")).containsExactly("How an organization grows");
        assertThat(titles("organizations")).containsExactly("How an organization grows");
    }

    @Test
    void aLongSnippetOfTextWithoutSpacesIsCutAroundTheMatchAndMarksItWhole() {
        SearchResult r = search("図書館");
        assertThat(r.hits()).extracting(Hit::title).containsExactly("雨の日の日記");
        String snippet = r.hits().get(0).snippet();
        assertThat(Marks.in(snippet)).containsExactly("図書館");
        assertThat(snippet).startsWith(MarkFormatter.ELLIPSIS).doesNotContain("今日は朝から");
    }

    @Test
    void marksWrapWholeWordsInEveryScriptAndEverythingElseIsEscaped() {
        assertThat(marks("βιβλιοθήκη")).containsExactly("βιβλιοθήκη", "βιβλιοθήκη");
        SearchResult r = search("Tanz");
        assertThat(r.hits()).hasSize(1);
        String snippet = r.hits().get(0).snippet();
        assertThat(Marks.in(snippet)).containsExactly("Tanz");
        assertThat(snippet).contains("Musik &amp; <mark>Tanz</mark> &lt;bis spät&gt;")
                .doesNotContain("<bis");
    }

    @Test
    void aWholePostIsMarkedInItsLanguage() {
        Hit hit = search("Brücke").hits().get(0);
        String body = FIXTURE.service().highlighted(hit.id(), "Brücke").orElseThrow().bodyHtml();
        assertThat(Marks.in(body)).containsExactly("Brücken");
        String japanese = FIXTURE.service().highlighted(search("自転車").hits().get(0).id(), "自転車").orElseThrow()
                .bodyHtml();
        assertThat(Marks.in(japanese)).containsExactly("自転車");
    }
}
