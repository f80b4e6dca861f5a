package blogsearch.feed;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/** Turns feed HTML into the plain text that gets indexed, shown and highlighted. */
public final class HtmlText {
    /** Larger inputs are cut before parsing: a post is not a book, and jsoup's work grows with input. */
    static final int MAX_HTML_CHARS = 4_000_000;
    static final int MAX_TEXT_CHARS = 1_000_000;

    /** Markup whose text is never prose a reader saw on the page. */
    private static final String INVISIBLE =
            "script, style, noscript, template, iframe, object, embed, svg, math, head, form, select, button";
    /** Tags that make an RSS title HTML rather than text. script and style are left out on purpose:
     *  a title that names them is about them. */
    private static final Pattern TITLE_MARKUP = Pattern.compile(
            "(?i)</?(b|i|em|strong|code|span|a|br|sup|sub|small|mark|abbr|q|cite|del|ins|u|s|kbd|tt|img|p|div)\\b[^<>]*>"
                    + "|&(#\\d+|#x[0-9a-f]+|[a-z]{2,8});");
    /** C0/C1 controls (ESC among them) and lone surrogates: they corrupt terminals and indexes. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u2028\\u2029\\u202F\\u205F\\u3000]+");

    private HtmlText() {}

    /** Visible text of an HTML fragment: no markup, scripts or styles; image alt text and code kept. */
    public static String fromHtml(String html) {
        if (html.isBlank()) {
            return "";
        }
        String input = html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html;
        Document doc = Jsoup.parseBodyFragment(input);
        doc.select(INVISIBLE).remove();
        for (Element img : doc.select("img[alt]")) {
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
        if (declaredHtml || TITLE_MARKUP.matcher(raw).find()) {
            return fromHtml(raw);
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
            cut = max;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    static String normalize(String s) {
        String cleaned = CONTROL.matcher(s).replaceAll(" ");
        cleaned = SPACE.matcher(cleaned).replaceAll(" ").strip();
        if (cleaned.length() > MAX_TEXT_CHARS) {
            int end = MAX_TEXT_CHARS;
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end);
        }
        return cleaned;
    }
}
