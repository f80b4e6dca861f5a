package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Suggestion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As-you-type suggestions: tags starting with what was typed, most used first, then post titles. */
class SuggestionsTest {
    @TempDir
    static Path dir;
    static Corpus corpus;

    @BeforeAll
    static void open() {
        corpus = Corpus.open(dir);
    }

    @AfterAll
    static void close() {
        corpus.close();
    }

    private static List<Suggestion> suggest(String prefix, int size) {
        return corpus.service().suggest(prefix, size);
    }

    private static Suggestion tag(String text, long count) {
        return new Suggestion(text, Suggestion.TAG, count, "", "");
    }

    private static Suggestion title(String key) {
        return new Suggestion(corpus.post(key).title(), Suggestion.TITLE, 1, corpus.id(key), corpus.post(key).url());
    }

    @Test
    void tagsStartingWithThePrefixComeFirstMostUsedFirstThenTitles() {
        // Tags: ops (kube1, kube2, email), open data (1), open source (1); titles with a word starting "op".
        List<Suggestion> s = suggest("op", 10);
        assertThat(s.subList(0, 3)).containsExactly(tag("ops", 3), tag("open data", 1), tag("open source", 1));
        assertThat(s.subList(3, s.size())).containsExactlyInAnyOrder(title("os"), title("opendata"), title("licenses"));
    }

    @Test
    void aPrefixMayMatchAnyWordOfATitle() {
        // "Being and becoming", "Odd one", "Functional programming one": words starting with "b" or "on".
        assertThat(suggest("becom", 10)).containsExactly(title("being"));
        assertThat(suggest("one", 10)).containsExactlyInAnyOrder(title("odd1"), title("haskell1"));
    }

    @Test
    void severalWordsNarrowTheSuggestions() {
        assertThat(suggest("open so", 10)).containsExactly(tag("open source", 1), title("licenses"));
        assertThat(suggest("Open  Da", 10)).containsExactly(tag("open data", 1), title("opendata"));
    }

    @Test
    void aTrailingSpaceFinishesTheLastWord() {
        // "Source code review" has the word "code"; "Coffee for coders" only a word starting with it.
        assertThat(suggest("code", 10)).containsExactlyInAnyOrder(title("review"), title("coffee"));
        assertThat(suggest("code ", 10)).containsExactly(title("review"));
        // The tag "ops" starts with "op" but is not the word "op"; "open data" has the word "open".
        assertThat(suggest("op ", 10)).isEmpty();
        assertThat(suggest("open ", 10)).startsWith(tag("open data", 1), tag("open source", 1));
        assertThat(suggest("java ", 10)).containsExactly(tag("java", 3));
    }

    @Test
    void sizeLimitsSuggestionsAndTagsTakeAThird() {
        // 4 slots: one tag (ops), then three titles.
        List<Suggestion> s = suggest("o", 4);
        assertThat(s).hasSize(4);
        assertThat(s.get(0)).isEqualTo(tag("ops", 3));
        assertThat(s.subList(1, 4)).extracting(Suggestion::kind).containsOnly(Suggestion.TITLE);
        assertThat(suggest("op", 1)).containsExactly(tag("ops", 3));
    }

    @Test
    void tagsAreMatchedWhateverTheirCase() {
        // "Java", "java", "java": one tag of three posts.
        assertThat(suggest("JA", 10)).containsExactly(tag("java", 3));
    }

    @Test
    void emptyOrBlankGivesNothing() {
        assertThat(suggest("", 10)).isEmpty();
        assertThat(suggest("   ", 10)).isEmpty();
        assertThat(suggest("zzzzz", 10)).isEmpty();
        assertThat(suggest("!!", 10)).isEmpty();
    }

    @Test
    void sizeAndLengthAreChecked() {
        for (int size : new int[] {0, -1, Suggestion.MAX_SIZE + 1}) {
            assertThatThrownBy(() -> suggest("op", size))
                    .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.parameter()).isEqualTo("size"));
        }
        assertThatThrownBy(() -> suggest("o".repeat(201), 5))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.parameter()).isEqualTo("q"));
        assertThat(suggest("o".repeat(200), 5)).isEmpty();
    }
}
