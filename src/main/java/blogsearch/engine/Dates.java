package blogsearch.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates as users write them in filters: 2016, 2016-03 or 2016-03-14 (UTC). */
public final class Dates {
    private Dates() {}

    /** The first instant of the period {@code text} names, e.g. 2016 gives 2016-01-01T00:00Z. */
    public static Optional<Instant> start(String text) {
        return period(text).map(p -> p[0]);
    }

    /** The first instant after the period {@code text} names, e.g. 2016 gives 2017-01-01T00:00Z. */
    public static Optional<Instant> end(String text) {
        return period(text).map(p -> p[1]);
    }

    /** Like {@link #start}, but a bad date is a {@link BadRequest} for {@code parameter}. */
    public static Instant startOrThrow(String parameter, String text) {
        return start(text).orElseThrow(() -> bad(parameter, text));
    }

    public static Instant endOrThrow(String parameter, String text) {
        return end(text).orElseThrow(() -> bad(parameter, text));
    }

    private static BadRequest bad(String parameter, String text) {
        return new BadRequest(parameter, "cannot read date '" + text + "': use YYYY, YYYY-MM or YYYY-MM-DD");
    }

    private static Optional<Instant[]> period(String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d{4}")) {
                LocalDate d = LocalDate.of(Integer.parseInt(t), 1, 1);
                return Optional.of(new Instant[] {utc(d), utc(d.plusYears(1))});
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(t);
                return Optional.of(new Instant[] {utc(m.atDay(1)), utc(m.plusMonths(1).atDay(1))});
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(t);
                return Optional.of(new Instant[] {utc(d), utc(d.plusDays(1))});
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant utc(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
