package blogsearch.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A feed that declares no language is taken to be in the language most of its posts are in. */
class FeedLanguageTest {
    private static final String SHORT_TITLE = "Zeppelins over Lisbon";
    private static final String SHORT_TEXT = "A zeppelin story.";

    private static final List<String> ENGLISH = List.of(
            "We moved the blog to a new server last week, and the search page is much faster than it was before.",
            "The garden was full of tomatoes this summer, more than the three of us could eat in a month.",
            "Our cat has learned to open the kitchen door, which is a problem when there is fish on the table.",
            "I spent the weekend fixing the old bicycle that has been standing in the shed since the winter.",
            "The train to the coast was late again, but the view of the sea from the window made up for it.",
            "After ten years with the same editor, I am trying a new one, and so far I like what I see in it.",
            "The library in our town is open on Sundays now, and the children go there every week for books.",
            "It rained for the whole trip, so we read and played cards and cooked soup in the small cabin.",
            "The new version of the app is out, with a dark mode that many of you have been asking for.");

    private static final String FRENCH = "La semaine dernière, nous avons déplacé le blog sur un nouveau serveur, et la"
            + " recherche est bien plus rapide qu'avant.";
    private static final String GERMAN = "Letzte Woche haben wir das Blog auf einen neuen Server umgezogen, und die"
            + " Suche ist jetzt viel schneller als vorher.";

    @Test
    void aShortPostOfAnEnglishFeedIsEnglishThoughAloneItIsTakenForAnotherLanguage() {
        assertThat(LanguageDecider.decide("", SHORT_TITLE, SHORT_TEXT).code()).as("alone").isNotIn("en", "");
        FeedLanguage feed = new FeedLanguage();

        ENGLISH.forEach(text -> feed.decide("", "", text));

        assertThat(feed.learned()).isEqualTo("en");
        assertThat(feed.decide("", SHORT_TITLE, SHORT_TEXT).code()).isEqualTo("en");
    }

    @Test
    void aPostInAnotherLanguageIsStillToldApart() {
        FeedLanguage feed = new FeedLanguage();

        ENGLISH.forEach(text -> feed.decide("", "", text));

        assertThat(feed.decide("", "", FRENCH).code()).isEqualTo("fr");
        assertThat(feed.decide("", "", GERMAN).code()).isEqualTo("de");
    }

    @Test
    void aFeedWithoutAClearMajorityLearnsNothing() {
        FeedLanguage feed = new FeedLanguage();

        for (String text : ENGLISH.subList(0, 5)) {
            feed.decide("", "", text);
            feed.decide("", "", FRENCH);
        }

        assertThat(feed.learned()).isEmpty();
        assertThat(feed.decide("", SHORT_TITLE, SHORT_TEXT))
                .isEqualTo(LanguageDecider.decide("", SHORT_TITLE, SHORT_TEXT));
    }

    @Test
    void tooFewPostsTeachNothing() {
        FeedLanguage feed = new FeedLanguage();

        ENGLISH.subList(0, FeedLanguage.LEARNED_FROM - 1).forEach(text -> feed.decide("", "", text));

        assertThat(feed.learned()).isEmpty();
    }

    @Test
    void aDeclaredLanguageIsUsedAsItIsAndTeachesNothing() {
        FeedLanguage feed = new FeedLanguage();

        ENGLISH.forEach(text -> assertThat(feed.decide("en-GB", "", text))
                .isEqualTo(new Language("en", Language.How.DECLARED)));

        assertThat(feed.learned()).isEmpty();
        assertThat(feed.decide("fr", "", FRENCH)).isEqualTo(new Language("fr", Language.How.DECLARED));
    }

    @Test
    void anUndecidedPostIsIndexedAsEnglish() {
        assertThat(new FeedLanguage().indexed("", "Release notes", "")).isEqualTo("en");
    }
}
