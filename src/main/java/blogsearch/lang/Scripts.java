package blogsearch.lang;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Map;

/** The scripts a text is written in, counted letter by letter, and the language a script alone tells. */
final class Scripts {
    /** Scripts that one language alone uses (or that one language uses far more than any other). */
    private static final Map<UnicodeScript, String> LANGUAGE = new EnumMap<>(Map.ofEntries(
            Map.entry(UnicodeScript.HANGUL, "ko"), Map.entry(UnicodeScript.THAI, "th"), Map.entry(UnicodeScript.LAO, "lo"),
            Map.entry(UnicodeScript.KHMER, "km"), Map.entry(UnicodeScript.MYANMAR, "my"),
            Map.entry(UnicodeScript.TIBETAN, "bo"), Map.entry(UnicodeScript.GREEK, "el"),
            Map.entry(UnicodeScript.ARMENIAN, "hy"), Map.entry(UnicodeScript.GEORGIAN, "ka"),
            Map.entry(UnicodeScript.HEBREW, "he"), Map.entry(UnicodeScript.TAMIL, "ta"),
            Map.entry(UnicodeScript.TELUGU, "te"), Map.entry(UnicodeScript.KANNADA, "kn"),
            Map.entry(UnicodeScript.MALAYALAM, "ml"), Map.entry(UnicodeScript.GUJARATI, "gu"),
            Map.entry(UnicodeScript.GURMUKHI, "pa"), Map.entry(UnicodeScript.BENGALI, "bn"),
            Map.entry(UnicodeScript.SINHALA, "si"), Map.entry(UnicodeScript.ETHIOPIC, "am")));

    /**
     * A script must make this share of the letters to name the language: a Chinese post is full of English
     * product names (five letters a word where a Chinese word has one or two), and an English one may quote a few
     * Chinese words.
     */
    static final double MAJORITY = 0.2;

    private Scripts() {}

    /** How many letters a text has, how many of them Latin, and the language its script tells, or "" if shared. */
    record Census(int letters, int latin, String language) {
        boolean allLatin() {
            return latin == letters;
        }
    }

    static Census census(String text) {
        int letters = 0;
        int latin = 0;
        int kana = 0;
        int han = 0;
        Map<UnicodeScript, Integer> counts = new EnumMap<>(UnicodeScript.class);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            if (c < 0x0250) {
                latin++;
                continue; // Latin: by far the commonest, and it tells no language
            }
            UnicodeScript script = UnicodeScript.of(c);
            if (script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA) {
                kana++;
            } else if (script == UnicodeScript.HAN) {
                han++;
            } else if (LANGUAGE.containsKey(script)) {
                counts.merge(script, 1, Integer::sum);
            }
        }
        if (letters == 0) {
            return new Census(0, 0, "");
        }
        // Japanese mixes kanji with kana; a few kana in Chinese text are quotes, not the language.
        if (kana + han >= MAJORITY * letters) {
            return new Census(letters, latin, kana * 10 >= kana + han ? "ja" : "zh");
        }
        for (Map.Entry<UnicodeScript, Integer> e : counts.entrySet()) {
            if (e.getValue() >= MAJORITY * letters) {
                return new Census(letters, latin, LANGUAGE.get(e.getKey()));
            }
        }
        return new Census(letters, latin, "");
    }
}
