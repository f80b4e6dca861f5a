package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The parser alone: what clauses a query becomes. */
class UserQueryTest {
    private static Clause word(String text) {
        return new Clause(Kind.WORD, text, false);
    }

    private static List<List<Clause>> groups(String input) {
        return UserQuery.parse(input).groups();
    }

    @Test
    void wordsBecomeOneGroupEach() {
        assertThat(groups("garlic bread")).containsExactly(List.of(word("garlic")), List.of(word("bread")));
    }

    @Test
    void quotedTextBecomesAPhrase() {
        assertThat(UserQuery.parse("\"open  source\" code").clauses())
                .containsExactly(new Clause(Kind.PHRASE, "open  source", false), word("code"));
    }

    @Test
    void aLeadingDashOrBangExcludesAndAPlusDoesNot() {
        assertThat(UserQuery.parse("-garlic !bread +soup -\"open source\"").clauses()).containsExactly(
                new Clause(Kind.WORD, "garlic", true), new Clause(Kind.WORD, "bread", true), word("soup"),
                new Clause(Kind.PHRASE, "open source", true));
    }

    @Test
    void notExcludesTheNextClause() {
        assertThat(UserQuery.parse("NOT garlic bread").clauses())
                .containsExactly(new Clause(Kind.WORD, "garlic", true), word("bread"));
    }

    @Test
    void orGroupsItsNeighbours() {
        assertThat(groups("garlic OR sourdough starter"))
                .containsExactly(List.of(word("garlic"), word("sourdough")), List.of(word("starter")));
        assertThat(groups("a OR b OR c")).hasSize(1).first().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
    }

    @Test
    void lowercaseOrIsAWord() {
        assertThat(groups("garlic or bread")).hasSize(3);
    }

    @Test
    void anExcludedClauseIsNeverAnAlternative() {
        assertThat(groups("garlic OR -bread"))
                .containsExactly(List.of(word("garlic")), List.of(new Clause(Kind.WORD, "bread", true)));
        assertThat(groups("-garlic OR bread"))
                .containsExactly(List.of(new Clause(Kind.WORD, "garlic", true)), List.of(word("bread")));
    }

    @Test
    void danglingOperatorsAreIgnored() {
        assertThat(groups("OR garlic OR")).containsExactly(List.of(word("garlic")));
        assertThat(groups("OR OR OR")).isEmpty();
        assertThat(groups("garlic AND && NOT")).containsExactly(List.of(word("garlic")));
    }

    @Test
    void fieldsTakeAWordOrAQuotedValue() {
        assertThat(UserQuery.parse("tag:Java author:\"Julia Child\" feed:classics title:kubernetes").clauses())
                .containsExactly(new Clause(Kind.TAG, "Java", false), new Clause(Kind.AUTHOR, "Julia Child", false),
                        new Clause(Kind.FEED, "classics", false), new Clause(Kind.TITLE, "kubernetes", false));
        assertThat(UserQuery.parse("after:2016-01-01 before:2017 -tag:bread").clauses()).containsExactly(
                new Clause(Kind.AFTER, "2016-01-01", false), new Clause(Kind.BEFORE, "2017", false),
                new Clause(Kind.TAG, "bread", true));
    }

    @Test
    void aFieldWithoutAValueIsDropped() {
        assertThat(groups("tag: garlic")).containsExactly(List.of(word("garlic")));
        assertThat(groups("tag:\"")).isEmpty();
        assertThat(groups("tag:\"\" garlic")).containsExactly(List.of(word("garlic")));
    }

    @Test
    void unknownFieldsAndStrayColonsAreWords() {
        assertThat(UserQuery.parse("foo:bar :x y:").clauses()).containsExactly(word("foo:bar"), word(":x"), word("y:"));
    }

    @Test
    void aStarAtTheEndMakesAPrefixOfTwoOrMoreCharacters() {
        assertThat(UserQuery.parse("garl* g* *lic ga?lic").clauses()).containsExactly(
                new Clause(Kind.PREFIX, "garl", false), word("g"), word("lic"), word("galic"));
        assertThat(UserQuery.parse("\ud83d\ude00*").clauses()).containsExactly(word("\ud83d\ude00"));
    }


    @Test
    void parenthesesAreSeparators() {
        assertThat(groups("(garlic OR bread)")).containsExactly(List.of(word("garlic"), word("bread")));
        assertThat(groups("(garl* OR sourd*)")).containsExactly(
                List.of(new Clause(Kind.PREFIX, "garl", false), new Clause(Kind.PREFIX, "sourd", false)));
        assertThat(UserQuery.parse("(after:2016) -(tag:bread) (\"open source\")").clauses()).containsExactly(
                new Clause(Kind.AFTER, "2016", false), new Clause(Kind.TAG, "bread", true),
                new Clause(Kind.PHRASE, "open source", false));
        assertThat(UserQuery.parse("-( -() ((()))").clauses()).isEmpty();
    }

    @Test
    void anUnclosedQuoteRunsToTheEnd() {
        assertThat(UserQuery.parse("garlic \"open source").clauses())
                .containsExactly(word("garlic"), new Clause(Kind.PHRASE, "open source", false));
    }

    @Test
    void wordsAreNeverTooManyButOnly32OtherClausesAreKeptWithOneWarning() {
        String words = IntStream.range(0, 500).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        UserQuery.Parsed parsed = UserQuery.parse(words);
        assertThat(parsed.clauses()).hasSize(500).endsWith(word("w499"));
        assertThat(parsed.warnings()).isEmpty();

        String phrases = IntStream.range(0, 50).mapToObj(i -> "\"p" + i + "\" w" + i).collect(Collectors.joining(" "));
        parsed = UserQuery.parse(phrases);
        assertThat(parsed.clauses().stream().filter(c -> c.kind() == Kind.PHRASE)).hasSize(UserQuery.MAX_CLAUSES);
        assertThat(parsed.clauses().stream().filter(c -> c.kind() == Kind.WORD)).hasSize(50);
        assertThat(parsed.warnings()).singleElement().asString().contains("32");
    }

    @Test
    void inATextAllInCapitalsOrAndAndNotAreWords() {
        assertThat(UserQuery.parse("STORES OR MEMORIES, NOT JUST DISKS").clauses()).containsExactly(word("STORES"),
                word("OR"), word("MEMORIES,"), word("NOT"), word("JUST"), word("DISKS"));
        assertThat(groups("stores OR memories NOT disks")).containsExactly(
                List.of(word("stores"), word("memories")), List.of(new Clause(Kind.WORD, "disks", true)));
    }

    @Test
    void emptyAndBlankInputHaveNoClauses() {
        assertThat(UserQuery.parse("").isEmpty()).isTrue();
        assertThat(UserQuery.parse(" \t\n\u3000").isEmpty()).isTrue();
        assertThat(UserQuery.parse("-").clauses()).containsExactly(word("-"));
    }
}
