package blogsearch.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates as web pages and JSON feeds write them: ISO 8601 / RFC 3339, with or without a time or a zone. */
final class IsoDates {
    private IsoDates() {}

    /** The instant, taking a missing zone as UTC and a date alone as its midnight; empty when unreadable. */
    static Optional<Instant> parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty() || s.length() > 64) {
            return Optional.empty();
        }
        s = s.replace(' ', 'T');
        // "+0100" is common in page metadata; java.time wants "+01:00".
        if (s.matches(".*T.*[+-]\\d{4}")) {
            s = s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2);
        }
        Instant found = null;
        try {
            found = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                found = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    found = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).atStartOfDay()
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    return Optional.empty();
                }
            }
        }
        return FeedDates.plausible(found) ? Optional.of(found) : Optional.empty();
    }
}
