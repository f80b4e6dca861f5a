package blogsearch.search;

import java.util.HashSet;
import java.util.Set;

/**
 * Words any post may use whatever it is about: everyday verbs, adverbs, adjectives and nouns of time and
 * quantity. Two posts that both say "take", "around" or "whether" are not related by it, so such words are
 * neither searched for related posts nor shown as what two posts share. Compared as analyzed terms.
 */
final class CommonWords {
    private static final String WORDS = String.join(" ",
            // verbs
            "able add allow appear ask become begin believe bring build buy call came carry change come",
            "consider continue create cut decide die done expect fall feel felt find follow found gave get give",
            "given go goes going gone happen hear held help hold include keep kept know known lead learn leave",
            "left let lose made make makes making mean meant meet move need needs offer open pass pay play put",
            "reach read remain remember report require run said say says see seem seen send set show sit",
            "speak spend stand start stay stop suggest take taken takes taking talk tell tried try trying turn",
            "turns understand wait walk watch went win work worked working works write written",
            // adverbs and connectives
            "actually again ago almost already although always anyway around away back either else enough ever",
            "finally however instead later maybe never often perhaps probably quite rather right simply soon",
            "sometimes somewhat though together today tomorrow usually whether yesterday",
            // adjectives
            "best better big certain clear different early easy entire free full good great hard high important",
            "large last late least less likely little long low main new next nice old real short small sure",
            "true whole wrong",
            // nouns of time, quantity and vagueness
            "anything bit case day days everything example fact hour hours kind lot lots minute minutes month",
            "months nothing number part people point something sort time times week weeks year years");
    private static final Set<String> TERMS = new HashSet<>();

    static {
        for (String w : WORDS.split(" ")) {
            TERMS.addAll(Words.tokens(blogsearch.index.PostSchema.BODY, w));
        }
        TERMS.addAll(Words.FUNCTION_TERMS);
    }

    private CommonWords() {}

    /** Whether an analyzed term is a function word or an everyday one. */
    static boolean isCommon(String term) {
        return TERMS.contains(term);
    }
}
