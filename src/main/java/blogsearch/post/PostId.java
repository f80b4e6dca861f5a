package blogsearch.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Post ids: 16 URL-safe characters (96 bits of SHA-256) derived from what identifies a post.
 *
 * <p>A guid that is a full URI (http:, https:, tag:, urn:) is global, so the same post syndicated
 * in two feeds gets one id. Anything else (guids like "42", links, or title and date) only means
 * something inside its feed, so the feed's key is mixed in.
 */
public final class PostId {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{16}");
    private static final Pattern GLOBAL = Pattern.compile("(?i)(https?://[^\\s/]+\\S*|tag:\\S+|urn:\\S+)");

    private PostId() {}

    /** The id of a post from its feed's key and its guid, link, title and date (any may be blank). */
    public static String of(String feedKey, String guid, String link, String title, String date) {
        if (!guid.isBlank()) {
            String g = guid.strip();
            return hash(GLOBAL.matcher(g).matches() ? "guid\n" + g : "local\n" + feedKey + "\n" + g);
        }
        if (!link.isBlank()) {
            return hash("link\n" + link.strip());
        }
        return hash("post\n" + feedKey + "\n" + title.strip() + "\n" + date);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    static void requireValid(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("Invalid post id '" + id + "': expected 16 URL-safe characters");
        }
    }

    /**
     * The addresses a post given by {@code url} may be stored under, the likeliest first: a page's URL often
     * differs from the feed's link in small ways (http or https, a trailing slash, a fragment).
     */
    public static List<String> urlVariants(String url) {
        String bare = url.replaceFirst("#.*$", "");
        String other = bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare + "/";
        List<String> out = new ArrayList<>();
        for (String u : List.of(url, bare, other)) {
            out.add(u);
            if (u.startsWith("https://")) {
                out.add("http://" + u.substring(8));
            } else if (u.startsWith("http://")) {
                out.add("https://" + u.substring(7));
            }
        }
        return out.stream().distinct().toList();
    }

    /** The first 64 bits of an id, for compact sets of ids. */
    public static long bits(String id) {
        byte[] b = Base64.getUrlDecoder().decode(id);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static String hash(String key) {
        byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    }

    /** A fresh SHA-256 digest, for ids and content fingerprints (every JDK has the algorithm). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
