package blogsearch.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The detector answers as optimaize's own, and gives up early on text it cannot place. */
class DetectorTest {
    private static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "nl", "pt", "ro", "pl", "cs");
    private static final Detector DETECTOR = new Detector(LANGUAGES);

    /** Words made of syllables no language uses together, as a benchmark's made-up text is. */
    private static String madeUpWords(long seed, int words) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "ze", "an", "el", "in", "or", "us",
            "bra", "cle", "dri", "fla", "gro", "pla", "str", "tion", "ment", "ing", "er", "ly", "ous", "ive"};
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            int length = 1 + random.nextInt(3);
            for (int s = 0; s < length; s++) {
                text.append(syllables[random.nextInt(syllables.length)]);
            }
            text.append(w % 12 == 11 ? ". " : " ");
        }
        return text.toString();
    }

    @Test
    void proseGoesThroughEveryTrialAndIsDetected() {
        String text = "We moved the blog to a new server last week, and the search page is much faster than it was"
                + " before. The old machine had served us for nine years, and it was time to let it rest.";

        assertThat(DETECTOR.detect(text, 0.8)).isEqualTo(new Detector.Detected("en", Detector.TRIALS));
    }

    @Test
    void madeUpWordsStopTheTrialsOnceNoLanguageCanBeSure() {
        int stopped = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Detector.Detected detected = DETECTOR.detect(madeUpWords(seed, 150), 0.8);
            if (detected.language().isEmpty()) {
                assertThat(detected.trials()).isBetween(1, Detector.TRIALS);
                stopped += detected.trials() < Detector.TRIALS ? 1 : 0;
            }
        }
        assertThat(stopped).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "We moved the blog to a new server last week, and the search page is much faster than it was before.",
        "Letzte Woche haben wir das Blog auf einen neuen Server umgezogen, und die Suche ist jetzt viel schneller.",
        "La semaine dernière, nous avons déplacé le blog sur un nouveau serveur, et la recherche est plus rapide.",
        "W zeszłym tygodniu przenieśliśmy bloga na nowy serwer i wyszukiwanie działa teraz znacznie szybciej.",
        "Release notes for version 2.4",
        "for (int i = 0; i < n; i++) { sum += values[i] * weights[i]; } return sum / n; // weighted mean",
        "Kalomi bratune or zenivo plastra an ferolt, mistrave in dulbeno or kaspira. Ovrelt tiskane an brolomi."
    })
    void answersAsTheLibrarysOwnDetectorDoes(String text) throws IOException {
        LanguageDetector library = LanguageDetectorBuilder.create(NgramExtractors.standard()).seed(1)
                .withProfiles(new LanguageProfileReader().readBuiltIn(LANGUAGES.stream().map(LdLocale::fromString)
                        .toList())).build();
        for (String sample : List.of(text, text + " " + madeUpWords(text.length(), 100))) {
            List<DetectedLanguage> found = library.getProbabilities(
                    CommonTextObjectFactories.forDetectingShortCleanText().forText(sample));
            for (double minimum : new double[] {0.5, 0.8, 0.95}) {
                String expected = found.isEmpty() || found.get(0).getProbability() < minimum ? ""
                        : found.get(0).getLocale().getLanguage();

                assertThat(DETECTOR.detect(sample, minimum).language()).as("%s at %s", sample, minimum)
                        .isEqualTo(expected);
            }
        }
    }
}
