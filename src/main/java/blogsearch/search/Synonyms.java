package blogsearch.search;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Stats.SynonymFile;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.apache.lucene.util.IntsRefBuilder;
import org.apache.lucene.util.fst.Util;

/**
 * Words a site owner declares alike, in Solr's synonyms format ({@code k8s, kubernetes} for words that stand
 * for each other, {@code js => javascript} for one that is searched as another), applied to queries as they
 * are searched: changing them needs no re-indexing. A word or run of words of the query that the rules know
 * becomes "any of these", a rule's several words a phrase. Matching ignores case and accents, not endings.
 */
public final class Synonyms {
    /** No rules: queries are searched as typed. */
    public static final Synonyms NONE = new Synonyms(null, null, 0);
    /** A query has at most this many runs of words replaced, as it has at most so many alternatives. */
    static final int MAX_EXPANSIONS = UserQuery.MAX_CLAUSES;

    private final SynonymMap map;
    private final String file;
    private final int rules;

    private Synonyms(SynonymMap map, String file, int rules) {
        this.map = map;
        this.file = file;
        this.rules = rules;
    }

    /** The rules in {@code file}; a file that cannot be read or parsed is bad input, named with the line. */
    public static Synonyms load(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new BadRequest("synonyms", "no such synonyms file: " + file);
        } catch (CharacterCodingException e) {
            throw new BadRequest("synonyms", "synonyms file '" + file + "' is not UTF-8 text");
        } catch (IOException e) {
            throw new BadRequest("synonyms", "cannot read synonyms file '" + file + "': " + e.getMessage());
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, String.valueOf(file.getFileName()));
    }

    /** The rules in {@code text}, known by {@code name}. */
    static Synonyms parse(String text, String name) {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, PostSchema.exactAnalyzer());
        try (Reader in = new StringReader(text)) {
            parser.parse(in);
            SynonymMap map = parser.build();
            int rules = (int) text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
            return new Synonyms(map.fst == null ? null : map, name, rules);
        } catch (ParseException e) {
            // Lucene's message names the line; its cause says what is wrong with it.
            String why = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new BadRequest("synonyms", "synonyms file '" + name + "': " + e.getMessage().toLowerCase(
                    java.util.Locale.ROOT) + why);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadRequest("synonyms", "synonyms file '" + name + "': " + e.getMessage());
        }
    }

    /** The file in force, if any. */
    public Optional<SynonymFile> info() {
        return file == null ? Optional.empty() : Optional.of(new SynonymFile(file, rules));
    }

    /** Whether a rule starts with this word: it is then no typo to respell. */
    boolean knows(String word) {
        if (map == null) {
            return false;
        }
        List<String> t = Words.tokens(PostSchema.TITLE_EXACT, word);
        return !t.isEmpty() && !alternatives(List.of(t.get(0))).isEmpty();
    }

    /**
     * {@code parsed} with each run of plain words that a rule knows (the longest, left to right) replaced by
     * a group of what it stands for.
     */
    Parsed expand(Parsed parsed) {
        if (map == null) {
            return parsed;
        }
        List<List<Clause>> groups = parsed.groups();
        List<List<Clause>> out = new ArrayList<>();
        int expansions = 0;
        for (int i = 0; i < groups.size(); ) {
            int matched = 0;
            List<Clause> replacement = null;
            if (expansions < MAX_EXPANSIONS) {
                // The words of the plain-word groups from here on, as the rules were analyzed.
                List<String> words = new ArrayList<>();
                List<Integer> ends = new ArrayList<>(); // words.size() after each group
                for (int j = i; j < groups.size() && ends.size() < map.maxHorizontalContext && plain(groups.get(j));
                        j++) {
                    words.addAll(Words.tokens(PostSchema.TITLE_EXACT, groups.get(j).get(0).text()));
                    ends.add(words.size());
                }
                for (int n = ends.size(); n > 0 && replacement == null; n--) {
                    List<String> span = words.subList(0, ends.get(n - 1));
                    List<String> alternatives = span.isEmpty() ? List.of() : alternatives(span);
                    if (!alternatives.isEmpty()) {
                        matched = n;
                        replacement = alternatives.stream().map(Synonyms::clause).toList();
                    }
                }
            }
            if (replacement == null) {
                out.add(groups.get(i));
                i++;
            } else {
                out.add(replacement);
                expansions++;
                i += matched;
            }
        }
        return new Parsed(out, parsed.warnings());
    }

    private static boolean plain(List<Clause> group) {
        return group.size() == 1 && group.get(0).kind() == Kind.WORD && !group.get(0).negated();
    }

    private static Clause clause(String words) {
        return new Clause(words.contains(" ") ? Kind.PHRASE : Kind.WORD, words, false);
    }

    /** What the rules make of exactly these words (each as words separated by spaces), or nothing. */
    private List<String> alternatives(List<String> words) {
        CharsRefBuilder joined = new CharsRefBuilder();
        for (String w : words) {
            if (joined.length() > 0) {
                joined.append(SynonymMap.WORD_SEPARATOR);
            }
            joined.append(w);
        }
        BytesRef output;
        try {
            output = Util.get(map.fst, Util.toUTF32(joined.get(), new IntsRefBuilder()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // the map is in memory
        }
        if (output == null) {
            return List.of();
        }
        // The output is how SynonymGraphFilter reads it: a count with a keep-the-original bit, then word ordinals.
        ByteArrayDataInput in = new ByteArrayDataInput(output.bytes, output.offset, output.length);
        int code = in.readVInt();
        Set<String> alternatives = new LinkedHashSet<>();
        if ((code & 1) == 0) {
            alternatives.add(String.join(" ", words));
        }
        BytesRef scratch = new BytesRef();
        for (int k = 0; k < code >>> 1; k++) {
            map.words.get(in.readVInt(), scratch);
            alternatives.add(scratch.utf8ToString().replace(SynonymMap.WORD_SEPARATOR, ' '));
        }
        return List.copyOf(alternatives);
    }
}
