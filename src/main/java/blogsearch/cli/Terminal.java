package blogsearch.cli;

import blogsearch.post.Printable;
import java.io.PrintWriter;

/**
 * Terminal output: colors only when writing to a terminal that wants them, and nothing from a post or a
 * query ever reaches the terminal with control characters (escape sequences could rewrite the screen).
 */
final class Terminal {
    private static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String BLUE = "\u001b[34m";
    static final String CYAN = "\u001b[36m";
    static final String MARK = "\u001b[1;33m";

    final PrintWriter out;
    final PrintWriter err;
    final boolean color;

    Terminal(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    /** "1 post", "2,000 posts". */
    static String count(long n, String noun) {
        return String.format("%,d %s", n, n == 1 ? noun : noun + "s");
    }

    /** Text from outside (posts, feeds, queries) made safe to print. */
    static String safe(String s) {
        return Printable.of(s);
    }

    static boolean unsafe(int c) {
        return Printable.unsafe(c);
    }

    String style(String code, String text) {
        return color ? code + safe(text) + RESET : safe(text);
    }

    /**
     * Our highlighted HTML (escaped text with {@code <mark>} around matches) for the terminal:
     * marks become color (or nothing), entities become characters.
     */
    String highlighted(String html) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < html.length()) {
            if (html.startsWith("<mark>", i)) {
                out.append(color ? MARK : "");
                i += 6;
            } else if (html.startsWith("</mark>", i)) {
                out.append(color ? RESET : "");
                i += 7;
            } else if (html.charAt(i) == '&') {
                int semi = html.indexOf(';', i);
                String entity = semi > i ? html.substring(i, semi + 1) : "&";
                String ch = switch (entity) {
                    case "&amp;" -> "&";
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    case "&quot;" -> "\"";
                    case "&#39;" -> "'";
                    default -> null;
                };
                if (ch == null) {
                    out.append('&');
                    i++;
                } else {
                    out.append(ch);
                    i += entity.length();
                }
            } else {
                int next = nextSpecial(html, i);
                out.append(safe(html.substring(i, next)));
                i = next;
            }
        }
        return out.toString();
    }

    private static int nextSpecial(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&' || (c == '<' && (s.startsWith("<mark>", i) || s.startsWith("</mark>", i)))) {
                return i == from ? i + 1 : i;
            }
        }
        return s.length();
    }
}
