package blogsearch.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: 30s, 15m, 1h, 1h30m. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {}

    static Duration parse(String option, String text, Duration min) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new BadInput("cannot read " + option + " '" + text + "': use forms like 30s, 15m, 1h or 1h30m");
        }
        Duration d = Duration.ofSeconds((m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Long.parseLong(m.group(3))));
        if (d.compareTo(min) < 0) {
            throw new BadInput(option + " must be at least " + min.toSeconds() + "s, not '" + text + "'");
        }
        return d;
    }
}
