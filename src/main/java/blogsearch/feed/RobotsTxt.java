package blogsearch.feed;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A site's robots.txt as RFC 9309 reads it, for one crawler: the group naming our product token (else the
 * {@code *} group), its Allow and Disallow rules (the longest match wins, Allow on a tie; {@code *} and {@code $}
 * as wildcards), its Crawl-delay, and the file's Sitemap lines.
 */
public final class RobotsTxt {
    /** The product token our groups are found by; the User-Agent header says more. */
    public static final String AGENT = "blogsearch";
    /** What is read of a robots.txt (RFC 9309 asks crawlers to read at least 500 KiB). */
    static final int MAX_CHARS = 512 * 1024;
    /** Crawl-delay values above this are taken as this: a typo should not stop a crawl for a day. */
    static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private record Rule(boolean allow, String pattern) {}

    private final List<Rule> rules;
    private final Optional<Duration> crawlDelay;
    private final List<String> sitemaps;

    private RobotsTxt(List<Rule> rules, Optional<Duration> crawlDelay, List<String> sitemaps) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
        this.sitemaps = sitemaps;
    }

    /** No robots.txt (404 and the like): everything may be fetched. */
    public static RobotsTxt allowAll() {
        return new RobotsTxt(List.of(), Optional.empty(), List.of());
    }

    /** Reads the text of a robots.txt served at {@code location}. */
    public static RobotsTxt parse(String text, URI location) {
        String body = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Reading reading = new Reading(location);
        for (String raw : body.split("\r\n|\r|\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                reading.line(key, line.substring(colon + 1).strip());
            }
        }
        return reading.result();
    }

    /** The rules and delays read so far for our product token and for any crawler (*), and the sitemaps named. */
    private static final class Reading {
        private final URI location;
        private final List<Rule> ours = new ArrayList<>();
        private final List<Rule> any = new ArrayList<>();
        private final List<String> sitemaps = new ArrayList<>();
        private Duration oursDelay;
        private Duration anyDelay;
        private boolean foundOurs;
        // Consecutive user-agent lines open one group; a rule line after them closes the list of agents.
        private boolean inAgents;
        private boolean groupOurs;
        private boolean groupAny;

        Reading(URI location) {
            this.location = location;
        }

        void line(String key, String value) {
            switch (key) {
                case "user-agent" -> {
                    if (!inAgents) {
                        groupOurs = false;
                        groupAny = false;
                        inAgents = true;
                    }
                    String agent = value.toLowerCase(Locale.ROOT);
                    if (agent.equals("*")) {
                        groupAny = true;
                    } else if (!agent.isEmpty() && AGENT.startsWith(agent.split("/")[0])) {
                        groupOurs = true;
                        foundOurs = true;
                    }
                }
                case "allow", "disallow" -> {
                    inAgents = false;
                    if (value.isEmpty()) {
                        return; // "Disallow:" with nothing allows everything
                    }
                    Rule r = new Rule(key.equals("allow"), value);
                    if (groupOurs) {
                        ours.add(r);
                    }
                    if (groupAny) {
                        any.add(r);
                    }
                }
                case "crawl-delay" -> {
                    inAgents = false;
                    Duration d = seconds(value);
                    if (d != null && groupOurs) {
                        oursDelay = d;
                    }
                    if (d != null && groupAny) {
                        anyDelay = d;
                    }
                }
                case "sitemap" -> {
                    String url = ItemFields.absolute(value, location);
                    if (!url.isEmpty()) {
                        sitemaps.add(url);
                    }
                }
                default -> inAgents = false;
            }
        }

        /** Our group's rules if there is one, else those for any crawler. */
        RobotsTxt result() {
            return foundOurs ? new RobotsTxt(List.copyOf(ours), Optional.ofNullable(oursDelay), List.copyOf(sitemaps))
                    : new RobotsTxt(List.copyOf(any), Optional.ofNullable(anyDelay), List.copyOf(sitemaps));
        }
    }

    /** Whether our crawler may fetch {@code uri} (its path and query are matched). */
    public boolean allows(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        Rule best = null;
        for (Rule r : rules) {
            if (matches(r.pattern(), path) && (best == null || r.pattern().length() > best.pattern().length()
                    || r.pattern().length() == best.pattern().length() && r.allow())) {
                best = r;
            }
        }
        return best == null || best.allow();
    }

    /** The Crawl-delay the site asks of us, if any. */
    public Optional<Duration> crawlDelay() {
        return crawlDelay;
    }

    /** The sitemaps the file names. */
    public List<String> sitemaps() {
        return sitemaps;
    }

    /** Glob match where '*' is any run of characters; without a final '$' the pattern need only match a prefix. */
    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        // at[j]: the pattern's first i characters can match the path's first j (linear per pattern character,
        // so a hostile pattern full of stars costs no more than a plain one).
        boolean[] at = new boolean[path.length() + 1];
        at[0] = true;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean[] next = new boolean[path.length() + 1];
            boolean reached = false;
            for (int j = 0; j <= path.length(); j++) {
                if (c == '*') {
                    reached |= at[j];
                    next[j] = reached;
                } else {
                    next[j] = j > 0 && at[j - 1] && path.charAt(j - 1) == c;
                }
            }
            at = next;
        }
        if (anchored) {
            return at[path.length()];
        }
        for (boolean b : at) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private static Duration seconds(String value) {
        try {
            double s = Double.parseDouble(value);
            if (s < 0 || Double.isNaN(s)) {
                return null;
            }
            return Duration.ofMillis((long) (Math.min(s, MAX_DELAY.toSeconds()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
