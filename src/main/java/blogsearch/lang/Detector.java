package blogsearch.lang;

import com.optimaize.langdetect.NgramFrequencyData;
import com.optimaize.langdetect.cybozu.util.Util;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractor;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The optimaize language detector's method on its own n-gram profiles, as its builder's defaults set it: text of
 * more than {@value #SHORT_TEXT} characters is weighed in {@value #TRIALS} trials, each drawing n-grams at random
 * until one language's probability converges, and the trials' probabilities averaged; shorter text is weighed
 * n-gram by n-gram. Unlike the library, it stops as soon as the trials left could not lift any language to the
 * probability asked for: text it cannot place (names, code, made-up words) costs a third less, and every answer
 * is the same. Thread-safe.
 */
final class Detector {
    static final int TRIALS = 7;
    private static final int DRAWS = 1_000;
    /** A trial ends when its best language has this probability. */
    private static final double CONVERGED = 0.99999;
    private static final double ALPHA = 0.5;
    private static final double ALPHA_WIDTH = 0.05;
    private static final int BASE_FREQUENCY = 10_000;
    private static final int SHORT_TEXT = 50;
    /** A fixed seed: the draws are random, and a post must get the same language every run. */
    private static final long SEED = 1;
    /**
     * What one trial can add to a language, in units of 1 / {@value #TRIALS}: a little more than 1, since the last
     * few draws of a trial that never converged multiply probabilities that were not normalized again after them.
     */
    private static final double TRIAL_MAX = 1.001;

    private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingShortCleanText();
    private static final NgramExtractor GRAMS = NgramExtractors.standard();

    private final NgramFrequencyData profiles;
    private final int languages;

    /** What the detector made of a text: its language or "", and how many trials that took (0 for short text). */
    record Detected(String language, int trials) {}

    Detector(List<String> codes) {
        try {
            List<LdLocale> locales = codes.stream().map(LdLocale::fromString).toList();
            profiles = NgramFrequencyData.create(new LanguageProfileReader().readBuiltIn(locales),
                    GRAMS.getGramLengths());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the language detector's profiles", e);
        }
        languages = profiles.getLanguageList().size();
    }

    /** The language of {@code sample} when its probability is at least {@code minimum}, else "". */
    Detected detect(String sample, double minimum) {
        CharSequence text = TEXT.forText(sample);
        double[] probabilities;
        int trials = 0;
        if (text.length() <= SHORT_TEXT) {
            probabilities = counted(GRAMS.extractCountedGrams(text));
        } else {
            List<String> grams = GRAMS.extractGrams(text);
            probabilities = grams.isEmpty() ? null : new double[languages];
            Random random = new Random(SEED);
            while (probabilities != null && trials < TRIALS && canReach(probabilities, trials, minimum)) {
                double[] trial = trial(grams, random);
                for (int l = 0; l < languages; l++) {
                    probabilities[l] += trial[l] / TRIALS;
                }
                trials++;
            }
        }
        if (probabilities == null) {
            return new Detected("", trials);
        }
        int best = 0;
        for (int l = 1; l < languages; l++) {
            if (probabilities[l] > probabilities[best]) {
                best = l;
            }
        }
        return new Detected(probabilities[best] < minimum ? ""
                : Language.code(profiles.getLanguage(best).getLanguage()), trials);
    }

    /** Whether some language could still reach {@code minimum} with every trial left going all its way. */
    private static boolean canReach(double[] probabilities, int trials, double minimum) {
        double left = (TRIALS - trials) * TRIAL_MAX / TRIALS;
        for (double p : probabilities) {
            if (p + left >= minimum) {
                return true;
            }
        }
        return false;
    }

    private double[] trial(List<String> grams, Random random) {
        double[] p = even();
        double alpha = ALPHA + random.nextGaussian() * ALPHA_WIDTH;
        for (int draw = 0; draw < DRAWS; draw++) {
            weigh(p, grams.get(random.nextInt(grams.size())), 1, alpha);
            if (draw % 5 == 0 && Util.normalizeProb(p) > CONVERGED) {
                break;
            }
        }
        return p;
    }

    private double[] counted(Map<String, Integer> grams) {
        if (grams.isEmpty()) {
            return null;
        }
        double[] p = even();
        for (Map.Entry<String, Integer> gram : grams.entrySet()) {
            weigh(p, gram.getKey(), gram.getValue(), ALPHA);
            if (Util.normalizeProb(p) > CONVERGED) {
                break;
            }
        }
        Util.normalizeProb(p);
        return p;
    }

    private double[] even() {
        double[] p = new double[languages];
        Arrays.fill(p, 1.0 / languages);
        return p;
    }

    /** Multiplies each language's probability by how likely it is to write {@code gram}, {@code count} times. */
    private void weigh(double[] p, String gram, int count, double alpha) {
        double[] likelihood = profiles.getProbabilities(gram);
        if (likelihood == null) {
            return;
        }
        double smoothing = alpha / BASE_FREQUENCY;
        for (int l = 0; l < languages; l++) {
            for (int c = 0; c < count; c++) {
                p[l] *= smoothing + likelihood[l];
            }
        }
    }
}
