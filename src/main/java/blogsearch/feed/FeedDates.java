package blogsearch.feed;

import java.time.Instant;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Keeps Rome from misreading dates. Rome parses with a lenient {@code SimpleDateFormat}, which rolls fields over
 * instead of refusing them: "2016-13-45" became 2017-02-14, "30 Feb" the 1st of March, "0000-00-00" a day in 2 BC,
 * "1700000000" a year, and ".123456" seconds 123,456 milliseconds. A post is better undated than misdated, so
 * dates with fields out of range are removed before Rome sees them; what remains is left to Rome to parse.
 */
final class FeedDates {
    /** Where items keep their dates: RSS, Atom 1.0 and 0.3, Dublin Core. */
    private static final Set<String> ELEMENTS = Set.of(
            "pubDate", "date", "published", "updated", "issued", "modified", "created");
    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    /**
     * Before 1583 {@code java.util.Date} counts in the Julian calendar and shifts the day (ISO 8601 itself needs an
     * agreement for those years), and no blog post is that old; after 9999 the formats have no room.
     */
    private static final int FIRST_YEAR = 1583;
    private static final int LAST_YEAR = 9999;

    /** W3C-DTF / RFC 3339: 2016-01-31, 2016-01-31T10:00:00.123456+01:00, with any year, month and day. */
    private static final Pattern ISO = Pattern.compile(
            "([+-]?\\d+)-(\\d+)(?:-(\\d+))?(?:[Tt ](\\d+):(\\d+)(?::(\\d+))?(?:[.,](\\d+))?)?(\\s*[A-Za-z+-].*)?");
    /** RFC 822 / 1123: Tue, 03 Jun 2008 11:05:30 GMT, day name and seconds optional. */
    private static final Pattern RFC822 = Pattern.compile(
            "(?:[A-Za-z]+\\s*,?\\s*)?(\\d+)\\s+([A-Za-z]+)\\.?\\s+(\\d+)(?:\\s+(\\d+):(\\d+)(?::(\\d+))?)?(\\s.*)?");

    private FeedDates() {}

    /** Empties the item's date elements whose dates are broken, and repairs those Rome would misread. */
    static void clean(Element item) {
        for (Element child : item.getChildren()) {
            if (ELEMENTS.contains(child.getName())) {
                child.setText(check(child.getText()).orElse(""));
            }
        }
        // Rome dates an Atom 0.3 entry by when it was last modified, yet it was published when it was issued.
        Namespace ns = item.getNamespace();
        if (ns.getURI().equals(ATOM_03) && !item.getChildTextTrim("issued", ns).isEmpty()) {
            item.removeChildren("modified", ns);
            item.removeChildren("created", ns);
        }
    }

    /** Whether a parsed date is one a post can have. */
    static boolean plausible(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /**
     * The date as Rome should see it, or empty if it is broken. Shapes not recognized here ("yesterday", a bad
     * zone) pass unchanged: Rome refuses them itself.
     */
    static Optional<String> check(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // A year alone is a W3C date; a longer number (seconds since 1970) Rome would take for a year too.
            return s.length() == 4 && year(s) ? Optional.of(s) : Optional.empty();
        }
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            boolean valid = year(iso.group(1)) && day(iso.group(1), iso.group(2), iso.group(3))
                    && time(iso.group(4), iso.group(5), iso.group(6));
            if (!valid) {
                return Optional.empty();
            }
            // Rome reads any fraction as milliseconds, and knows no lower-case 't' or 'z'.
            String fraction = iso.group(7);
            if (fraction != null && fraction.length() > 3) {
                s = s.substring(0, iso.start(7)) + fraction.substring(0, 3) + s.substring(iso.end(7));
            }
            return Optional.of(s.toUpperCase(Locale.ROOT));
        }
        Matcher rfc = RFC822.matcher(s);
        if (rfc.matches()) {
            Month month = month(rfc.group(2));
            String y = rfc.group(3);
            boolean valid = month == null // not a month name: Rome refuses the date itself
                    || (y.length() == 2 || y.length() == 4 && year(y))
                            && day(y.length() == 2 ? "20" + y : y, Integer.toString(month.getValue()), rfc.group(1))
                            && time(rfc.group(4), rfc.group(5), rfc.group(6));
            return valid ? Optional.of(s) : Optional.empty();
        }
        return Optional.of(s);
    }

    private static boolean year(String y) {
        if (y.length() != 4 || y.charAt(0) < '0' || y.charAt(0) > '9') {
            return false;
        }
        int year = Integer.parseInt(y);
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** Month 1 to 12 and a day the month has; the day may be absent (2016-01). */
    private static boolean day(String year, String month, String day) {
        int m = number(month);
        if (m < 1 || m > 12) {
            return false;
        }
        if (day == null) {
            return true;
        }
        int d = number(day);
        return d >= 1 && d <= Month.of(m).length(Year.isLeap(number(year)));
    }

    /** Hours, minutes and seconds in range (each may be absent); 24:00:00 is the end of a day. */
    private static boolean time(String hours, String minutes, String seconds) {
        int h = hours == null ? 0 : number(hours);
        int m = minutes == null ? 0 : number(minutes);
        int s = seconds == null ? 0 : number(seconds);
        return m <= 59 && s <= 60 && (h <= 23 || h == 24 && m == 0 && s == 0);
    }

    private static Month month(String name) {
        if (name.length() < 3) {
            return null;
        }
        String prefix = name.substring(0, 3).toUpperCase(Locale.ROOT);
        for (Month m : Month.values()) {
            if (m.name().startsWith(prefix)) {
                return m;
            }
        }
        return null;
    }

    /** A field's value; with more than four digits it is out of every field's range. */
    private static int number(String digits) {
        return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
