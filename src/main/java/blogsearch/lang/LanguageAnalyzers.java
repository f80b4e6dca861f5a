package blogsearch.lang;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * The analyzer for a language: Lucene's stemming and stop words where Lucene has them, dictionary word
 * segmentation (ICU) for the languages written without spaces between words, and otherwise words as written,
 * lower-cased. English, and text whose language is not known, is the index's own analysis, not this class's.
 */
public final class LanguageAnalyzers {
    /** Languages with stemming and stop words from Lucene, by code. */
    private static final Map<String, Supplier<Analyzer>> STEMMED = Map.ofEntries(
            Map.entry("ar", ArabicAnalyzer::new), Map.entry("bg", BulgarianAnalyzer::new),
            Map.entry("bn", BengaliAnalyzer::new), Map.entry("ca", CatalanAnalyzer::new),
            Map.entry("ckb", SoraniAnalyzer::new), Map.entry("cs", CzechAnalyzer::new),
            Map.entry("da", DanishAnalyzer::new), Map.entry("de", GermanAnalyzer::new),
            Map.entry("el", GreekAnalyzer::new), Map.entry("es", SpanishAnalyzer::new),
            Map.entry("et", EstonianAnalyzer::new), Map.entry("eu", BasqueAnalyzer::new),
            Map.entry("fa", PersianAnalyzer::new), Map.entry("fi", FinnishAnalyzer::new),
            Map.entry("fr", FrenchAnalyzer::new), Map.entry("ga", IrishAnalyzer::new),
            Map.entry("gl", GalicianAnalyzer::new), Map.entry("hi", HindiAnalyzer::new),
            Map.entry("hu", HungarianAnalyzer::new), Map.entry("hy", ArmenianAnalyzer::new),
            Map.entry("id", IndonesianAnalyzer::new), Map.entry("it", ItalianAnalyzer::new),
            Map.entry("lt", LithuanianAnalyzer::new), Map.entry("lv", LatvianAnalyzer::new),
            Map.entry("ne", NepaliAnalyzer::new), Map.entry("nl", DutchAnalyzer::new),
            Map.entry("no", NorwegianAnalyzer::new), Map.entry("pt", PortugueseAnalyzer::new),
            Map.entry("ro", RomanianAnalyzer::new), Map.entry("ru", RussianAnalyzer::new),
            Map.entry("sr", SerbianAnalyzer::new), Map.entry("sv", SwedishAnalyzer::new),
            Map.entry("ta", TamilAnalyzer::new), Map.entry("te", TeluguAnalyzer::new),
            Map.entry("tr", TurkishAnalyzer::new));

    /** Languages written without spaces between words (Korean has spaces, but the same analysis suits it). */
    private static final Set<String> SEGMENTED = Set.of("zh", "ja", "ko", "th", "lo", "km", "my", "bo");

    private static final Analyzer SEGMENTING = new Segmenting();
    private static final Analyzer PLAIN = new Plain();
    private static final Map<String, Analyzer> MADE = new ConcurrentHashMap<>();

    private LanguageAnalyzers() {}

    /**
     * The analyzer for a language code other than English as {@link Language#code()} gives it; a language with no
     * stemmer keeps its words as written.
     */
    public static Analyzer forLanguage(String code) {
        if (code.isEmpty() || code.equals("en")) {
            throw new IllegalArgumentException("English is analyzed by the index itself, not as language '" + code + "'");
        }
        if (SEGMENTED.contains(code)) {
            return SEGMENTING;
        }
        Supplier<Analyzer> stemmed = STEMMED.get(code);
        if (stemmed == null) {
            return PLAIN;
        }
        return MADE.computeIfAbsent(code, c -> stemmed.get());
    }

    /** The languages whose words are stemmed: English and every language Lucene has a stemmer for. */
    public static Set<String> stemmedLanguages() {
        Set<String> all = new java.util.TreeSet<>(STEMMED.keySet());
        all.add("en");
        return all;
    }

    /** The languages cut into words by a dictionary. */
    public static Set<String> segmentedLanguages() {
        return SEGMENTED;
    }

    /** A language's stop words (its commonest words), empty where Lucene has none. */
    static CharArraySet stopWords(String code) {
        if (code.equals("en")) {
            return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        }
        if (code.equals("nl")) {
            return DutchAnalyzer.getDefaultStopSet(); // the one analyzer not built on StopwordAnalyzerBase
        }
        return forLanguage(code) instanceof StopwordAnalyzerBase s ? s.getStopwordSet() : CharArraySet.EMPTY_SET;
    }

    /**
     * Words found by ICU's dictionaries (Chinese and Japanese together, Thai, Lao, Khmer, Myanmar), then widths,
     * case and compatibility forms folded (NFKC with case folding), so full-width "ＡＢＣ" finds "abc".
     */
    private static final class Segmenting extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new ICUTokenizer();
            return new TokenStreamComponents(source, new ICUNormalizer2Filter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ICUNormalizer2Filter(in);
        }
    }

    /** Words as written, lower-cased: for languages Lucene has no stemmer for. */
    private static final class Plain extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
