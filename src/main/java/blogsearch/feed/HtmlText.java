package blogsearch.feed;

import blogsearch.post.BidiControls;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Turns feed HTML into the plain text that gets indexed, shown and highlighted. */
public final class HtmlText {
    /** Larger inputs are cut before parsing: a post is not a book, and jsoup's work grows with input. */
    static final int MAX_HTML_CHARS = 4_000_000;
    static final int MAX_TEXT_CHARS = 1_000_000;

    /** Markup whose text is never prose a reader saw on the page. */
    private static final Set<String> INVISIBLE = Set.of(
            "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head", "form",
            "select", "button");
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
        // One walk over the tree collects the text: invisible subtrees skipped, image alt text and line and
        // block breaks kept as spaces, whitespace collapsed on the way.
        Text text = new Text(Math.min(input.length(), MAX_TEXT_CHARS));
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (INVISIBLE.contains(tag)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (tag.equals("img")) {
                        text.space();
                        text.append(e.attr("alt"));
                        text.space();
                    } else if (tag.equals("br") || e.isBlock()) {
                        text.space();
                    }
                }
                return text.full() ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    text.space();
                }
                return FilterResult.CONTINUE;
            }
        }, doc.body());
        return text.toString();
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
     * lone surrogates and the bidirectional controls that reorder text (see {@link BidiControls}), trims, and
     * caps the length. One pass, no regex: this
     * runs over every post's full text.
     */
    static String normalize(String s) {
        Text text = new Text(Math.min(s.length(), MAX_TEXT_CHARS));
        text.append(s);
        return text.toString();
    }

    /** Text being collected, normalized as it comes (see {@link #normalize}). */
    private static final class Text {
        private final StringBuilder out;
        private boolean space;

        Text(int capacity) {
            out = new StringBuilder(capacity);
        }

        /** A word boundary: one space unless the text is empty or already ends with one. */
        void space() {
            space = true;
        }

        boolean full() {
            return out.length() >= MAX_TEXT_CHARS;
        }

        void append(String s) {
            int n = s.length();
            for (int i = 0; i < n && out.length() < MAX_TEXT_CHARS; i++) {
                char c = s.charAt(i);
                if (c > ' ' && c < '\u007F') { // printable ASCII, most of any text: none of the checks below apply
                    flushSpace();
                    out.append(c);
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out.length() + (space ? 3 : 2) > MAX_TEXT_CHARS) {
                        return; // a pair that does not fit is left out whole, never split
                    }
                    flushSpace();
                    out.append(c).append(s.charAt(++i));
                    continue;
                }
                if (c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                        || Character.isSurrogate(c) || c == '\u200B' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF'
                        || BidiControls.reorders(c)) {
                    space = true;
                    continue;
                }
                flushSpace();
                out.append(c);
            }
        }

        private void flushSpace() {
            if (space && !out.isEmpty() && out.length() < MAX_TEXT_CHARS - 1) {
                out.append(' ');
            }
            space = false;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
