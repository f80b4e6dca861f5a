package blogsearch.lang;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** Each language's analysis: inflected forms meet at one term, and words written without spaces are found. */
class LanguageAnalyzersTest {

    /** The words of {@code text} as the index has them in the body of a post in {@code language}. */
    static List<String> terms(String language, String text) {
        return termsOf(PostSchema.inLanguage(PostSchema.BODY, language), text);
    }

    static List<String> termsOf(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void germanPluralsAndUmlautsMeetTheirSingular() {
        assertThat(terms("de", "Die alten Häuser am Fluss")).contains("haus");
        assertThat(terms("de", "ein Haus")).containsExactly("haus");
        assertThat(terms("de", "Wir bauten zwei Brücken")).contains("bruck");
        assertThat(terms("de", "die Brücke")).containsExactly("bruck");
    }

    @Test
    void frenchPluralsMeetTheirSingularAndStopWordsGo() {
        assertThat(terms("fr", "Les chevaux nationaux")).containsExactly("cheval", "national");
        assertThat(terms("fr", "un cheval national")).containsExactly("cheval", "national");
        assertThat(terms("fr", "les bibliothèques municipales")).isEqualTo(terms("fr", "la bibliothèque municipale"));
    }

    @Test
    void spanishPluralsMeetTheirSingular() {
        assertThat(terms("es", "Las canciones populares")).isEqualTo(terms("es", "una canción popular"));
        assertThat(terms("es", "las ciudades")).isEqualTo(terms("es", "la ciudad"));
    }

    @Test
    void russianCasesMeetTheirNominative() {
        assertThat(terms("ru", "Я читал эти книги с интересом")).contains(terms("ru", "книга").getFirst());
        assertThat(terms("ru", "новыми технологиями")).isEqualTo(terms("ru", "новая технология"));
    }

    @Test
    void chineseSentenceIsCutIntoWordsAQueryWordAlsoBecomes() {
        List<String> sentence = terms("zh", "我们今天讨论搜索引擎的设计和实现");

        assertThat(sentence).contains("搜索", "引擎", "设计", "实现");
        assertThat(sentence).containsSubsequence(terms("zh", "搜索引擎"));
        assertThat(sentence).doesNotContain("搜", "索", "引", "擎");
    }

    @Test
    void japaneseSentenceIsCutIntoWordsAQueryWordAlsoBecomes() {
        List<String> sentence = terms("ja", "日本語の検索エンジンを作りました");

        assertThat(sentence).contains("日本語", "検索", "エンジン");
        assertThat(sentence).containsSubsequence(terms("ja", "検索エンジン"));
        assertThat(terms("ja", "東京都に住んでいる友達")).contains("東京", "友達");
    }

    @Test
    void thaiIsCutIntoWordsToo() {
        assertThat(terms("th", "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ")).contains("ภาษา", "ไทย", "ระหว่าง");
    }

    @Test
    void fullWidthLettersAndCaseFoldInSegmentedText() {
        assertThat(terms("ja", "ＡＢＣの全角文字")).startsWith("abc");
        assertThat(terms("zh", "Apache StreamPark 实践")).containsExactly("apache", "streampark", "实践");
    }

    @Test
    void englishAndUndecidedTextAreAnalyzedExactlyAsTheIndexAlwaysHas() {
        String text = "The runner's posts were running into indexing problems";
        List<String> today = termsOf(PostSchema.BODY, text);

        assertThat(terms("en", text)).isEqualTo(today).contains("runner", "post", "run", "index");
        assertThat(terms("", text)).isEqualTo(today);
    }

    @Test
    void aLanguageWithoutStemmerKeepsItsWordsLowerCased() {
        assertThat(terms("pl", "Książki i Biblioteki")).containsExactly("książki", "i", "biblioteki");
    }

    @Test
    void theSameWordIsStemmedByTheRulesOfItsLanguage() {
        // "die" is an English verb and a German article; "the" is nothing to German stop words.
        assertThat(terms("en", "die the")).containsExactly("die");
        assertThat(terms("de", "die the")).containsExactly("the");
    }

    @Test
    void everyStemmedLanguageHasAnAnalyzerThatStemsOrDropsStopWords() {
        for (String language : LanguageAnalyzers.stemmedLanguages()) {
            if (!language.equals("en")) {
                assertThat(LanguageAnalyzers.forLanguage(language)).as(language).isNotNull();
            }
            assertThat(LanguageAnalyzers.stopWords(language)).as(language).isNotEmpty();
        }
        assertThat(LanguageAnalyzers.stemmedLanguages()).contains("de", "fr", "es", "ru", "en", "pt", "it", "nl", "sv");
    }

    @Test
    void theReadmeNamesEveryLanguageAnalyzedAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("Each post's title and text are analysed for its language"));
        section = section.substring(0, section.indexOf("A query is read in each language"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("\\(`([a-z]{2,3})`").matcher(section);
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> covered = new TreeSet<>(LanguageAnalyzers.stemmedLanguages());
        covered.addAll(LanguageAnalyzers.segmentedLanguages());
        covered.remove("en");

        assertThat(named).isEqualTo(covered);
        assertThat(section).contains("English and " + (LanguageAnalyzers.stemmedLanguages().size() - 1) + " more");
    }
}
