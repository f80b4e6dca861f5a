package blogsearch.bench;

import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic blog corpus: feeds of posts with Zipf-distributed words (so some words are
 * everywhere and most are rare, as in real text), 300 to 2,000 words each, HTML with paragraphs, links,
 * emphasis, code, lists and images, tags, authors and dates over ten years. Every post can be produced
 * twice: as feed XML (RSS 2.0 or Atom 1.0, alternating by feed) for the real pipeline, and as clean text
 * for the raw-Lucene baseline.
 */
public final class Corpus {
    static final int VOCABULARY = 30_000;
    static final int TAGS = 600;
    static final int MIN_WORDS = 300;
    static final int MAX_WORDS = 2_000;
    private static final long START = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = 10L * 365 * 24 * 3600;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "ze", "an", "el", "in",
        "or", "us", "bra", "cle", "dri", "fla", "gro", "pla", "str", "tion", "ment", "ing", "er", "ly", "ous", "ive"};

    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];
    private final String[] tags = new String[TAGS];
    private final double[] tagCumulative = new double[TAGS];
    private final int postsPerFeed;
    private final long seed;

    public Corpus(long seed, int postsPerFeed) {
        this.seed = seed;
        this.postsPerFeed = postsPerFeed;
        SplittableRandom r = new SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < VOCABULARY; i++) {
            String w;
            do {
                StringBuilder b = new StringBuilder();
                int syllables = 1 + (i < 200 ? r.nextInt(2) : r.nextInt(4));
                for (int s = 0; s < syllables; s++) {
                    b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
                }
                w = b.toString();
            } while (!seen.add(w));
            words[i] = w;
        }
        zipf(cumulative, 1.05);
        for (int i = 0; i < TAGS; i++) {
            tags[i] = words[50 + i * 7] + (i % 5 == 0 ? " " + words[90 + i * 3] : "");
        }
        zipf(tagCumulative, 1.0);
    }

    private static void zipf(double[] cumulative, double s) {
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    private static int sample(double[] cumulative, SplittableRandom r) {
        double u = r.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A word by frequency rank (0 is the most common). */
    public String word(int rank) {
        return words[rank];
    }

    public String tag(int rank) {
        return tags[rank];
    }

    public int feeds(int posts) {
        return (posts + postsPerFeed - 1) / postsPerFeed;
    }

    /** One post: its HTML body and its clean text, and everything else a Post has. */
    public record Generated(Post post, String html) {}

    /** Post {@code n} of feed {@code feed}; the same numbers always give the same post. */
    public Generated post(int feed, int n) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + feed * 100_003L + n);
        int length = MIN_WORDS + r.nextInt(MAX_WORDS - MIN_WORDS + 1);
        StringBuilder html = new StringBuilder(length * 9);
        StringBuilder text = new StringBuilder(length * 7);
        writeBody(r, length, html, text);
        int titleWords = 3 + r.nextInt(8);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < titleWords; i++) {
            String w = words[Math.min(VOCABULARY - 1, 100 + sample(cumulative, r))];
            title.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w)
                    .append(i + 1 < titleWords ? " " : "");
        }
        List<String> postTags = new ArrayList<>();
        int tagCount = 1 + r.nextInt(5);
        for (int i = 0; i < tagCount; i++) {
            String t = tags[sample(tagCumulative, r)];
            if (!postTags.contains(t)) {
                postTags.add(t);
            }
        }
        Instant published = Instant.ofEpochSecond(START + (long) (r.nextDouble() * SPAN));
        String link = "https://blog" + feed + ".example/" + n;
        String feedTitle = "Blog " + feed + " of " + words[feed % 1000];
        String author = "Author " + words[(feed * 7 + (n % 3)) % 2000];
        String id = PostId.of("", "", link, "", "");
        String clean = text.toString().strip();
        Post post = new Post(id, link, title.toString(), author, Optional.of(published), Optional.empty(), postTags,
                feedTitle, "https://blog" + feed + ".example/feed", "en", clean,
                clean.length() > 280 ? clean.substring(0, 280) : clean);
        return new Generated(post, html.toString());
    }

    /** About {@code length} words of HTML into {@code html} (paragraphs, code, lists) and as text into {@code text}. */
    private void writeBody(SplittableRandom r, int length, StringBuilder html, StringBuilder text) {
        int written = 0;
        while (written < length) {
            int paragraph = Math.min(length - written, 40 + r.nextInt(80));
            int kind = r.nextInt(20);
            if (kind == 0) {
                String code = words[sample(cumulative, r)] + "(" + words[sample(cumulative, r)] + ");";
                html.append("<pre><code>").append(code).append("</code></pre>\n");
                text.append(code).append(' ');
                written += 2;
                continue;
            }
            if (kind == 1) {
                html.append("<ul>");
                for (int i = 0; i < 3; i++) {
                    String item = words[sample(cumulative, r)] + " " + words[sample(cumulative, r)];
                    html.append("<li>").append(item).append("</li>");
                    text.append(item).append(' ');
                }
                html.append("</ul>\n");
                written += 6;
                continue;
            }
            html.append("<p>");
            for (int i = 0; i < paragraph; i++) {
                String w = words[sample(cumulative, r)];
                boolean sentenceStart = i == 0 || r.nextInt(14) == 0;
                if (sentenceStart) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                int style = r.nextInt(60);
                if (style == 0) {
                    html.append("<a href=\"https://example.org/").append(w).append("\">").append(w).append("</a>");
                } else if (style == 1) {
                    html.append("<em>").append(w).append("</em>");
                } else if (style == 2) {
                    html.append("<img src=\"/i/").append(w).append(".png\" alt=\"").append(w).append("\">");
                } else {
                    html.append(w);
                }
                text.append(w);
                boolean end = i == paragraph - 1 || r.nextInt(14) == 0;
                html.append(end ? ". " : " ");
                text.append(end ? ". " : " ");
            }
            html.append("</p>\n");
            written += paragraph;
        }
    }

    /**
     * Writes the feeds for {@code posts} posts under {@code dir}/feeds (feed-NNNNN.xml / .atom) and the same
     * posts as clean text in {@code dir}/clean.bin (see {@link CleanPosts}), unless already there.
     */
    public void write(Path dir, int posts) {
        try {
            Path feedDir = Files.createDirectories(dir.resolve("feeds"));
            Path done = dir.resolve(".complete-" + posts + "-" + seed + "-" + postsPerFeed);
            if (Files.exists(done)) {
                return;
            }
            try (CleanPosts.Writer clean = CleanPosts.writer(dir.resolve("clean.bin"))) {
                for (int f = 0; f < feeds(posts); f++) {
                    int count = Math.min(postsPerFeed, posts - f * postsPerFeed);
                    writeFeed(feedDir.resolve(String.format("feed-%05d.%s", f, f % 2 == 0 ? "xml" : "atom")), f, count,
                            clean);
                }
            }
            Files.writeString(done, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus to " + dir, e);
        }
    }

    private void writeFeed(Path file, int feed, int count, CleanPosts.Writer clean) throws IOException {
        boolean atom = feed % 2 == 1;
        DateTimeFormatter rfc822 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Generated first = post(feed, 0);
            String feedTitle = first.post().feedTitle();
            String site = "https://blog" + feed + ".example/";
            if (atom) {
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                        + "<title>" + feedTitle + "</title><link href=\"" + site + "\"/><id>" + site + "</id>"
                        + "<updated>2025-01-01T00:00:00Z</updated>\n");
            } else {
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>" + feedTitle + "</title><link>"
                        + site + "</link><description>Posts</description>\n");
            }
            for (int n = 0; n < count; n++) {
                Generated g = n == 0 ? first : post(feed, n);
                Post p = g.post();
                clean.write(p);
                String html = g.html().replace("]]>", "]]]]><![CDATA[>");
                if (atom) {
                    w.write("<entry><title>" + p.title() + "</title><link href=\"" + p.url() + "\"/><id>" + p.url()
                            + "</id><published>" + p.published().orElseThrow() + "</published><updated>"
                            + p.published().orElseThrow() + "</updated><author><name>" + p.author() + "</name></author>");
                    for (String t : p.tags()) {
                        w.write("<category term=\"" + t + "\"/>");
                    }
                    w.write("<content type=\"html\"><![CDATA[" + html + "]]></content></entry>\n");
                } else {
                    w.write("<item><title>" + p.title() + "</title><link>" + p.url() + "</link><guid>" + p.url()
                            + "</guid><pubDate>" + rfc822.format(p.published().orElseThrow()) + "</pubDate><dc:creator>"
                            + p.author() + "</dc:creator>");
                    for (String t : p.tags()) {
                        w.write("<category>" + t + "</category>");
                    }
                    w.write("<content:encoded><![CDATA[" + html + "]]></content:encoded></item>\n");
                }
            }
            w.write(atom ? "</feed>\n" : "</channel></rss>\n");
        }
    }

    /** A fixed mix of queries a search box sees: common, mid and rare words, pairs, phrases, prefixes, tags, questions. */
    public List<String> queries(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eedL);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String q = switch (i % 10) {
                case 0 -> words[r.nextInt(100)];                                   // common word
                case 1 -> words[100 + r.nextInt(2_000)];                           // mid-frequency word
                case 2 -> words[2_000 + r.nextInt(20_000)];                        // rare word
                case 3 -> words[r.nextInt(500)] + " " + words[r.nextInt(3_000)];   // two words
                case 4 -> words[50 + r.nextInt(1_000)] + " " + words[r.nextInt(2_000)] + " " + words[r.nextInt(5_000)];
                case 5 -> "\"" + words[r.nextInt(300)] + " " + words[r.nextInt(300)] + "\"";   // phrase
                case 6 -> {                                                                     // prefix
                    String w = words[r.nextInt(3_000)];
                    yield w.substring(0, Math.min(3, w.length())) + "*";
                }
                case 7 -> "tag:\"" + tags[r.nextInt(50)] + "\" " + words[r.nextInt(1_000)];     // tag filter
                case 8 -> {                                                                     // a question
                    StringBuilder b = new StringBuilder("how does");
                    for (int k = 0; k < 7; k++) {
                        b.append(' ').append(words[r.nextInt(8_000)]);
                    }
                    yield b.toString();
                }
                default -> words[r.nextInt(1_000)] + " -" + words[r.nextInt(200)];            // exclusion
            };
            out.add(q);
        }
        return out;
    }
}
