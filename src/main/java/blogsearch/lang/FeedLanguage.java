package blogsearch.lang;

import java.util.HashMap;
import java.util.Map;

/**
 * The languages of one feed's posts, decided in the feed's order. A feed that declares no language is taken to be
 * written in the one most of its posts are in, once {@value #LEARNED_FROM} of them are decided and
 * {@value #MAJORITY_PERCENT}% of those agree; its later posts are then decided as if the feed declared it. A blog
 * rarely changes language from one post to the next, and the detector, by far the costliest step, is then asked
 * only about posts whose words do not confirm the feed's language; its short posts ("A zeppelin story.") and
 * posts of names and code get the feed's language instead of a guess or none. Not thread-safe: one per feed read.
 */
public final class FeedLanguage {
    static final int LEARNED_FROM = 8;
    static final int MAJORITY_PERCENT = 75;

    private final Map<String, Integer> decided = new HashMap<>();
    private int count;
    private String learned = "";

    /**
     * The language of the feed's next post, which declares {@code declared} ("" for nothing), as
     * {@link LanguageDecider#decide} tells it, with the feed's language when it declares none.
     */
    public Language decide(String declared, String title, String text) {
        if (!Language.code(declared).isEmpty()) {
            return LanguageDecider.decide(declared, title, text);
        }
        if (!learned.isEmpty()) {
            return LanguageDecider.decide(learned, title, text);
        }
        Language language = LanguageDecider.decide("", title, text);
        if (language.how() != Language.How.UNDECIDED) {
            int n = decided.merge(language.code(), 1, Integer::sum);
            count++;
            if (count >= LEARNED_FROM && n * 100 >= MAJORITY_PERCENT * count) {
                learned = language.code();
            }
        }
        return language;
    }

    /** The code the feed's next post is indexed under: its language, or "en" when undecided. */
    public String indexed(String declared, String title, String text) {
        String code = decide(declared, title, text).code();
        return code.isEmpty() ? "en" : code;
    }

    /** The language learned from the posts so far, or "" while there is none. */
    String learned() {
        return learned;
    }
}
