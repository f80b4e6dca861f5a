package blogsearch.feed;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Turns feed HTML into the plain text that gets indexed, shown and highlighted. */
public final class HtmlText {
    /** Larger inputs are cut before parsing: a post is not a book, and jsoup's work grows with input. */
    static final int MAX_HTML_CHARS = 4_000_000;
    static final int MAX_TEXT_CHARS = 1_000_000;

    /** Markup whose text is never prose a reader saw on the page. */
    private static final Evaluator INVISIBLE = QueryParser.parse(
            "script, style, noscript, template, iframe, object, embed, svg, math, head, form, select, button");
    private static final Evaluator IMAGES_WITH_ALT = QueryParser.parse("img[alt]");
    /** Tags that make an RSS title HTML rather than text. script and style are left out on purpose:
     *  a title that names them is about them. */
    private static final String TITLE_TAG =
            "</?(b|i|em|strong|code|span|a|br|sup|sub|small|mark|abbr|q|cite|del|ins|u|s|kbd|tt|img|p|div)\\b[^<>]*>";
    private static final Pattern TITLE_MARKUP = Pattern.compile(
            "(?i)" + TITLE_TAG + "|&(#\\d+|#x[0-9a-f]+|[a-z]{2,8});");
    /** A '<' that does not open one of the title tags above. */
    private static final Pattern TITLE_TEXT_LT = Pattern.compile("(?i)<(?!" + TITLE_TAG.substring(1) + ")");

    private HtmlText() {}

    /** Visible text of an HTML fragment: no markup, scripts or styles; image alt text and code kept. */
    public static String fromHtml(String html) {
        if (html.isBlank()) {
            return "";
        }
        String input = html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html;
        Document doc = Jsoup.parseBodyFragment(input);
        doc.select(INVISIBLE).remove();
        for (Element img : doc.select(IMAGES_WITH_ALT)) {
            String alt = img.attr("alt").strip();
            if (!alt.isEmpty()) {
                img.replaceWith(new TextNode(" " + alt + " "));
            }
        }
        return normalize(doc.body().text());
    }

    /** Text that is already plain: only whitespace and control characters are cleaned. */
    public static String fromText(String text) {
        return normalize(text);
    }

    /** A title as plain text. RSS titles are text by the spec, yet feeds often put markup or entities in them. */
    public static String title(String raw, boolean declaredHtml) {
        if (declaredHtml) {
            return fromHtml(raw);
        }
        if (TITLE_MARKUP.matcher(raw).find()) {
            // Only the inline tags count as markup: any other '<' is text, or "Why <script> tags block rendering
            // &amp; more" would lose all but its first word to a script element.
            return fromHtml(TITLE_TEXT_LT.matcher(raw).replaceAll("&lt;"));
        }
        return normalize(raw);
    }

    /** About {@code max} characters from the start of the text, cut at a word boundary. */
    public static String summary(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        if (cut < max / 2) {
            cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max; // not inside a surrogate pair
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /**
     * Collapses every run of whitespace (Unicode spaces included) to one space, drops control characters,
     * lone surrogates and bidirectional controls, trims, and caps the length. One pass, no regex: this
     * runs over every post's full text.
     */
    static String normalize(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT_CHARS));
        boolean space = false;
        int n = s.length();
        for (int i = 0; i < n && out.length() < MAX_TEXT_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                if (out.length() + 2 > MAX_TEXT_CHARS) {
                    break;
                }
                out.append(c).append(s.charAt(++i));
                continue;
            }
            if (c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.isSurrogate(c) || c == '\u200B' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF'
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }
}
