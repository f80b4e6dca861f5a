package blogsearch.lang;

import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.CharArrayMap;

/**
 * Decides the language of a post from what it declares and from its text, reading only the title and the
 * first {@value #SAMPLE_CHARS} characters. In order:
 * <ol>
 * <li>text mostly in a script that one language alone uses (kana, Hangul, Thai...) is in that language;
 * <li>a declared language holds when the text's commonest words are that language's; otherwise the detector
 *     (optimaize language-detector) is asked, and overrules it when sure: the French and Japanese feeds of
 *     multilingual sites are full of untranslated English pages;
 * <li>with nothing declared the detector decides, when it is sure enough;
 * <li>otherwise the language is undecided, and the post is analyzed as English, as it always was.
 * </ol>
 * Thread-safe; the detector's profiles are loaded on first use.
 */
public final class LanguageDecider {
    /** How much of a post is read: its first paragraphs tell its language; reading more costs and adds nothing. */
    static final int SAMPLE_CHARS = 1_000;
    /** Fewer letters than this (a short title alone) and the detector guesses more often wrong than right. */
    static final int MIN_LETTERS = 30;
    /** Below this the detector's best guess is more likely noise than language (names, code, made-up words). */
    static final double MIN_PROBABILITY = 0.8;
    /**
     * A declared language is taken without asking the detector when its commonest words make this share of the
     * text's words (prose, not a list of names and times)...
     */
    static final double CONFIRMING_SHARE = 0.05;
    /** ... and no other language's are this many times as frequent. */
    static final int CLEAR_MARGIN = 2;
    /** Words read for that test. */
    static final int COUNTED_WORDS = 100;
    /**
     * With nothing declared, a language is taken without the detector when its commonest words make this share of
     * the text's words (prose: English has a sixth to a quarter of its words among its 33 stop words) and no other
     * language's are half as frequent...
     */
    static final double DOMINANT_SHARE = 0.1;
    /** ... in a text of at least this many words ... */
    static final int DOMINANT_MIN_WORDS = 40;
    /**
     * ... and when it is one of these: languages whose close neighbours' commonest words are counted too, so that a
     * neighbour's text is not taken for it (Ukrainian shares Russian's, Slovak Czech's, Malay Indonesian's).
     */
    static final java.util.Set<String> TOLD_BY_COMMON_WORDS = java.util.Set.of("en", "de", "fr", "es", "it", "pt",
            "nl", "sv", "da", "no", "fi", "ca", "ro", "tr", "hu", "gl", "eu", "ga", "lv", "lt", "et");

    /**
     * The detector's languages: those written in scripts that several languages share (Latin, Cyrillic, Arabic,
     * Devanagari), the others being told by their script. The ones without a stemmer are there so that their
     * text is not taken for a neighbour's (Polish for Czech, Ukrainian for Russian, Malay for Indonesian).
     */
    static final List<String> DETECTED = List.of("ar", "be", "bg", "ca", "cs", "da", "de", "en", "es", "et", "eu",
            "fa", "fi", "fr", "ga", "gl", "hi", "hr", "hu", "id", "it", "lt", "lv", "mk", "mr", "ms", "ne", "nl", "no",
            "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tl", "tr", "uk", "ur", "vi");

    /** The detector's languages written in another script than Latin (Serbian is written in both). */
    static final java.util.Set<String> NOT_LATIN = java.util.Set.of("ar", "be", "bg", "fa", "hi", "mk", "mr", "ne", "ru",
            "uk", "ur");

    /** Languages whose commonest words are compared with a declared language's. */
    private static final List<String> COUNTED = List.of("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no",
            "fi", "ru", "ca", "ro", "tr", "hu", "cs", "id", "gl", "eu", "ga", "lv", "lt", "et", "bg");

    private LanguageDecider() {}

    /**
     * The language of a post: {@code declared} is what the post, its feed or its page says ("" for nothing), in
     * any form {@link Language#code(String)} reads. The detector, by far the costliest step, runs only when
     * neither the script nor the commonest words settle it.
     */
    public static Language decide(String declared, String title, String text) {
        String sample = sample(title, text);
        String declaredCode = Language.code(declared);
        Scripts.Census census = Scripts.census(sample);
        String byScript = census.language();
        if (!byScript.isEmpty()) {
            // Chinese characters without kana are Chinese, unless declared Japanese (kanji-only text is rare, not impossible).
            if (byScript.equals("zh") && declaredCode.equals("ja")) {
                return new Language("ja", Language.How.DECLARED);
            }
            return new Language(byScript, byScript.equals(declaredCode) ? Language.How.DECLARED : Language.How.SCRIPT);
        }
        CommonWords common = CommonWords.count(sample);
        if (!declaredCode.isEmpty()) {
            if (common.confirm(declaredCode)) {
                return new Language(declaredCode, Language.How.DECLARED);
            }
            String detected = census.letters() < MIN_LETTERS ? "" : detect(sample, census.allLatin());
            return detected.isEmpty() || detected.equals(declaredCode)
                    ? new Language(declaredCode, Language.How.DECLARED) : new Language(detected, Language.How.DETECTED);
        }
        String dominant = common.dominant();
        if (!dominant.isEmpty()) {
            return new Language(dominant, Language.How.DETECTED);
        }
        String detected = census.letters() < MIN_LETTERS ? "" : detect(sample, census.allLatin());
        return detected.isEmpty() ? Language.UNDECIDED : new Language(detected, Language.How.DETECTED);
    }

    /** The title and the start of the text, not cut inside a surrogate pair. */
    static String sample(String title, String text) {
        int end = Math.min(text.length(), SAMPLE_CHARS);
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return title.isBlank() ? text.substring(0, end) : title + "\n" + text.substring(0, end);
    }

    /**
     * Whether the commonest words (Lucene's stop words) of {@code declared} are frequent among the first words of
     * {@code sample}, and those of no other language far more so.
     */
    static boolean confirmed(String sample, String declared) {
        return CommonWords.count(sample).confirm(declared);
    }

    /** How many of the first {@value #COUNTED_WORDS} words of a text are each counted language's commonest words. */
    private record CommonWords(int words, int[] hits) {
        static CommonWords count(String sample) {
            int[] hits = new int[COUNTED.size()];
            int words = 0;
            char[] word = new char[16];
            int i = 0;
            int n = sample.length();
            while (i < n && words < COUNTED_WORDS) {
                while (i < n && !Character.isLetter(sample.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && Character.isLetter(sample.charAt(i))) {
                    i++;
                }
                int length = i - start;
                if (length == 0) {
                    break;
                }
                words++;
                if (length > word.length) {
                    continue; // no stop word is that long
                }
                for (int k = 0; k < length; k++) {
                    word[k] = Character.toLowerCase(sample.charAt(start + k));
                }
                Integer languages = StopWords.LANGUAGES.get(word, 0, length);
                for (int bits = languages == null ? 0 : languages; bits != 0; bits &= bits - 1) {
                    hits[Integer.numberOfTrailingZeros(bits)]++;
                }
            }
            return new CommonWords(words, hits);
        }

        /** The counted language whose commonest words are the most frequent (the first on a tie). */
        int best() {
            int best = 0;
            for (int l = 1; l < hits.length; l++) {
                if (hits[l] > hits[best]) {
                    best = l;
                }
            }
            return best;
        }

        boolean confirm(String declared) {
            int declaredIndex = COUNTED.indexOf(declared);
            int declaredHits = declaredIndex < 0 ? 0 : hits[declaredIndex];
            return words > 0 && declaredHits >= CONFIRMING_SHARE * words && declaredHits * CLEAR_MARGIN > hits[best()];
        }

        /** The language whose commonest words clearly dominate the text, or "". */
        String dominant() {
            int best = best();
            if (words < DOMINANT_MIN_WORDS || hits[best] < DOMINANT_SHARE * words
                    || !TOLD_BY_COMMON_WORDS.contains(COUNTED.get(best))) {
                return "";
            }
            for (int l = 0; l < hits.length; l++) {
                if (l != best && hits[l] * CLEAR_MARGIN >= hits[best]) {
                    return "";
                }
            }
            return COUNTED.get(best);
        }
    }

    /**
     * The detector's language for {@code sample}, or "" when it is not sure enough. Text all in Latin letters is
     * weighed against the languages written in them alone: the detector's cost grows with its languages, and
     * Russian or Hindi are never the answer for it.
     */
    static String detect(String sample, boolean allLatin) {
        return (allLatin ? LatinDetector.DETECTOR : AllDetector.DETECTOR)
                .detect(shouted(sample) ? sample.toLowerCase(Locale.ROOT) : sample, MIN_PROBABILITY).language();
    }

    /**
     * Whether a text has more capitals than small letters: written in capitals (old catalogues, headlines). The
     * detector's profiles come from text in normal case, where capitals start nouns mostly in German, and take
     * English in capitals for German.
     */
    static boolean shouted(String sample) {
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < sample.length(); i++) {
            char c = sample.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        return upper > lower;
    }

    /** Loaded on first use: the profiles take a second to read and tens of megabytes of heap. */
    private static final class LatinDetector {
        static final Detector DETECTOR = new Detector(DETECTED.stream().filter(l -> !NOT_LATIN.contains(l)).toList());
    }

    /** Loaded apart from the Latin one, which posts all in Latin letters need alone. */
    private static final class AllDetector {
        static final Detector DETECTOR = new Detector(DETECTED);
    }

    /** Every stop word of {@link #COUNTED}, with the languages it is one of as bits in that order: one look-up a word. */
    private static final class StopWords {
        static final CharArrayMap<Integer> LANGUAGES = languages();

        private static CharArrayMap<Integer> languages() {
            CharArrayMap<Integer> map = new CharArrayMap<>(4_096, false);
            for (int l = 0; l < COUNTED.size(); l++) {
                for (Object o : LanguageAnalyzers.stopWords(COUNTED.get(l))) {
                    char[] word = (char[]) o;
                    Integer before = map.get(word, 0, word.length);
                    map.put(word, (before == null ? 0 : before) | 1 << l);
                }
            }
            return map;
        }
    }
}
