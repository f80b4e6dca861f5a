package blogsearch.search;

import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * How many clauses a query has besides its prefixes' expansions, and how many prefix queries it has
 * (each becomes as many clauses as it expands to).
 */
record QuerySize(int terms, int prefixes) {
    int terms(int expansions) {
        return terms + prefixes * expansions;
    }

    QuerySize max(QuerySize other) {
        return new QuerySize(Math.max(terms, other.terms), Math.max(prefixes, other.prefixes));
    }

    static QuerySize of(Query q) {
        int[] n = new int[2];
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                n[0]++; // as Lucene counts: a phrase is one clause
            }

            @Override
            public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
                n[1]++;
            }

            @Override
            public void visitLeaf(Query query) {
                n[0]++;
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        return new QuerySize(n[0], n[1]);
    }
}
