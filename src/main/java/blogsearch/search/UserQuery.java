package blogsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query language of the search box, parsed into clauses. It never fails: anything it does not
 * understand is taken as text.
 *
 * <pre>
 *   word  "exact phrase"  -excluded  this OR that  prefix*
 *   tag:name  author:name  feed:name  title:word  (values may be "quoted")
 *   after:2016-01-01  before:2017  (YYYY, YYYY-MM or YYYY-MM-DD; after is inclusive, before exclusive)
 * </pre>
 *
 * Words standing alone are never too many (a long question is searched for the words that carry it); of
 * anything else (phrases, prefixes, alternatives, exclusions, filters) at most {@value #MAX_CLAUSES} are used,
 * the rest is ignored with a warning. A prefix needs {@value #MIN_PREFIX} characters before the '*'; leading
 * wildcards are dropped. In a query typed all in capitals, OR, AND and NOT are words, not operators.
 */
public final class UserQuery {
    static final int MAX_CLAUSES = 32;
    public static final int MIN_PREFIX = 2;
    static final Set<String> FIELDS = Set.of("tag", "author", "feed", "title", "after", "before");

    public enum Kind { WORD, PREFIX, PHRASE, TAG, AUTHOR, FEED, TITLE, AFTER, BEFORE }

    /** One part of a query. {@code text} is as the user wrote it, minus syntax. */
    public record Clause(Kind kind, String text, boolean negated) {
        public boolean isText() {
            return kind == Kind.WORD || kind == Kind.PREFIX || kind == Kind.PHRASE;
        }
    }

    /**
     * Clauses grouped by OR: each group matches if any of its clauses does; all groups must match
     * (or most of them, for long queries). A negated clause is always alone in its group.
     */
    public record Parsed(List<List<Clause>> groups, List<String> warnings) {
        public boolean isEmpty() {
            return groups.isEmpty();
        }

        public List<Clause> clauses() {
            return groups.stream().flatMap(List::stream).toList();
        }

        /** The same clauses with one more warning. */
        Parsed warn(String warning) {
            List<String> w = new ArrayList<>(warnings);
            w.add(warning);
            return new Parsed(groups, List.copyOf(w));
        }
    }

    private UserQuery() {}

    public static Parsed parse(String input) {
        List<String> warnings = new ArrayList<>();
        List<Token> tokens = tokenize(input);
        List<List<Clause>> groups = new ArrayList<>();
        boolean orPending = false;
        boolean notPending = false;
        int count = 0;
        for (Token t : tokens) {
            if (t.operator() != null) {
                switch (t.operator()) {
                    case "OR" -> orPending = !groups.isEmpty();
                    case "NOT" -> notPending = true;
                    default -> { } // AND is what happens anyway
                }
                continue;
            }
            Clause c = t.clause();
            if (notPending) {
                c = new Clause(c.kind(), c.text(), true);
                notPending = false;
            }
            List<Clause> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            boolean joins = orPending && last != null && !c.negated() && !last.get(0).negated();
            if (c.kind() != Kind.WORD || c.negated() || joins) {
                if (count == MAX_CLAUSES) {
                    warnings.add("only the first " + MAX_CLAUSES
                            + " phrases, prefixes, alternatives, exclusions and filters were used");
                    count++;
                    orPending = false;
                    continue;
                }
                if (count > MAX_CLAUSES) {
                    orPending = false;
                    continue;
                }
                count++;
            }
            if (joins) {
                last.add(c);
            } else {
                List<Clause> group = new ArrayList<>();
                group.add(c);
                groups.add(group);
            }
            orPending = false;
        }
        return new Parsed(groups.stream().map(List::copyOf).toList(), List.copyOf(warnings));
    }

    private record Token(Clause clause, String operator) {}

    private static List<Token> tokenize(String input) {
        List<Token> tokens = new ArrayList<>();
        String s = input;
        // In a text typed all in capitals, OR, AND and NOT cannot stand out from the words: they are words.
        String others = s.replaceAll("\\b(AND|OR|NOT)\\b", "");
        boolean operators = others.chars().anyMatch(Character::isLowerCase)
                || others.chars().noneMatch(Character::isUpperCase);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ')') {
                i++;
                continue;
            }
            boolean negated = false;
            if ((c == '-' || c == '+' || c == '!') && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1))) {
                negated = c != '+';
                i++;
                while (i < n && s.charAt(i) == '(') {
                    i++; // -(tag:java): the sign belongs to what is inside
                }
                if (i == n || Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ')') {
                    continue;
                }
                c = s.charAt(i);
            }
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                int end = close < 0 ? n : close; // an unclosed quote runs to the end
                String phrase = s.substring(i + 1, end).strip();
                if (!phrase.isEmpty()) {
                    tokens.add(new Token(new Clause(Kind.PHRASE, phrase, negated), null));
                }
                i = close < 0 ? n : close + 1;
                continue;
            }
            int start = i;
            // A closing parenthesis ends a word: in "(garl* OR sourd*)" the last word is "sourd*", a prefix.
            while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '"' && s.charAt(i) != ')') {
                i++;
            }
            String word = s.substring(start, i);
            int colon = word.indexOf(':');
            if (colon > 0 && FIELDS.contains(word.substring(0, colon).toLowerCase(Locale.ROOT))) {
                i = field(s, i, word, negated, tokens);
                continue;
            }
            Token t = word(word, negated, operators);
            if (t != null) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    /**
     * The clause of {@code field:value} or {@code field:"quoted value"}, whose {@code word} ends at {@code i} in
     * {@code s}, added to {@code tokens} unless empty; returns where the input goes on.
     */
    private static int field(String s, int i, String word, boolean negated, List<Token> tokens) {
        int colon = word.indexOf(':');
        String field = word.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = word.substring(colon + 1);
        int n = s.length();
        if (value.isEmpty() && i < n && s.charAt(i) == '"') {
            int close = s.indexOf('"', i + 1);
            int end = close < 0 ? n : close;
            value = s.substring(i + 1, end);
            i = close < 0 ? n : close + 1;
        }
        value = value.strip();
        if (!value.isEmpty()) {
            tokens.add(new Token(new Clause(Kind.valueOf(field.toUpperCase(Locale.ROOT)), value, negated), null));
        }
        return i;
    }

    /** An operator (when {@code operators} stand out), a word or a prefix; null for a word of wildcards only. */
    private static Token word(String word, boolean negated, boolean operators) {
        if (!negated && operators && (word.equals("OR") || word.equals("||") || word.equals("|"))) {
            return new Token(null, "OR");
        }
        if (!negated && operators && (word.equals("AND") || word.equals("&&") || word.equals("NOT"))) {
            return new Token(null, word.equals("NOT") ? "NOT" : "AND");
        }
        String core = stripWildcards(word);
        boolean prefix = word.endsWith("*") && core.codePointCount(0, core.length()) >= MIN_PREFIX;
        return core.isEmpty() ? null : new Token(new Clause(prefix ? Kind.PREFIX : Kind.WORD, core, negated), null);
    }

    /** Wildcards only count at the end of a word; anywhere else they are noise. */
    private static String stripWildcards(String word) {
        return word.replace("*", "").replace("?", "").strip();
    }
}
