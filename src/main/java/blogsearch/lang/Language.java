package blogsearch.lang;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The language a post is written in, as an ISO 639 code without region ("de", "zh"), or "" when it could not
 * be told, and how that was decided.
 */
public record Language(String code, How how) {
    /** How a post's language was decided, from most to least trusted. */
    public enum How {
        /**
         * The post, its feed or its page says so (or, saying nothing, most of its feed's posts are in it), and the
         * text does not clearly say otherwise.
         */
        DECLARED,
        /** Written in a script that only one language uses (kana, Hangul, Thai...). */
        SCRIPT,
        /** Told from the text by the detector. */
        DETECTED,
        /** Nothing declared, and the text too short or unlike any language the detector knows. */
        UNDECIDED
    }

    public static final Language UNDECIDED = new Language("", How.UNDECIDED);

    /** Codes that older tags or other standards use for the same language. */
    private static final Map<String, String> ALIASES = Map.of(
            "nb", "no", "nn", "no", "iw", "he", "in", "id", "ji", "yi");

    public Language {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(how, "how");
        if (!code.isEmpty() && !code.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("Not a language code: '" + code + "'");
        }
        if (code.isEmpty() != (how == How.UNDECIDED)) {
            throw new IllegalArgumentException("A language '" + code + "' cannot be " + how);
        }
    }

    /**
     * The language of a tag as feeds and pages write it ("en-US", "zh_CN", "DE", "nb"), region dropped and old
     * codes replaced; "" for anything that is not a language tag ("", "x-default", "english").
     */
    public static String code(String tag) {
        String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = t.indexOf('-');
        String primary = dash < 0 ? t : t.substring(0, dash);
        if (!primary.matches("[a-z]{2,3}") || primary.equals("und") || primary.equals("mul")) {
            return "";
        }
        return ALIASES.getOrDefault(primary, primary);
    }
}
