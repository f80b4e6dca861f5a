package blogsearch.server;

import blogsearch.engine.BadRequest;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Query parameters, checked: a bad value is a {@link BadRequest} naming the parameter. */
final class Params {
    static final int MAX_PARAM_CHARS = 2_000;
    /** A search query may be longer than other parameters, up to this many bytes (UTF-8): 16 KB. */
    static final int MAX_QUERY_BYTES = 16 * 1024;

    private Params() {}

    static String string(Context ctx, String name, String fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        if (v.length() > MAX_PARAM_CHARS) {
            throw new BadRequest(name, "'" + name + "' is longer than " + MAX_PARAM_CHARS + " characters");
        }
        return v;
    }

    /** The search query {@code q}, empty if absent; longer than {@value #MAX_QUERY_BYTES} bytes is bad input. */
    static String query(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null) {
            return "";
        }
        int bytes = q.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_QUERY_BYTES) {
            throw new BadRequest("q", String.format(Locale.ROOT, "'q' is %,d bytes long; the limit is %,d (16 KB)",
                    bytes, MAX_QUERY_BYTES));
        }
        return q;
    }

    static List<String> list(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        for (String v : values) {
            if (v.length() > MAX_PARAM_CHARS) {
                throw new BadRequest(name, "'" + name + "' is longer than " + MAX_PARAM_CHARS + " characters");
            }
        }
        return values;
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "'" + name + "' must be a whole number, not '" + clip(v) + "'");
        }
        if (n < min || n > max) {
            throw new BadRequest(name, "'" + name + "' must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    /** The value as shown back in an error message: short, so an error cannot echo megabytes. */
    static String clip(String v) {
        return v.length() <= 80 ? v : v.substring(0, 80) + "…";
    }
}
