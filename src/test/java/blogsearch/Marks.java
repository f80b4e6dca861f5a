package blogsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words a title or snippet marks, in order: what a reader sees highlighted. */
public final class Marks {
    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");

    private Marks() {}

    public static List<String> in(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = MARK.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
