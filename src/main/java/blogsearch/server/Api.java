package blogsearch.server;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dates;
import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.Suggestion;
import blogsearch.ingest.Follower;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP API's handlers: parameters in, the engine's records out as JSON. */
final class Api {
    static final int DEFAULT_SIMILAR = 5;
    static final int DEFAULT_SUGGEST = 8;
    static final int MAX_TAGS = 10_000;

    private final Engine engine;
    private final Follower follower; // null when not following
    private final byte[] adminToken; // null when reindexing over HTTP is off

    Api(Engine engine, Follower follower, String adminToken) {
        this.engine = engine;
        this.follower = follower;
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    void search(Context ctx) {
        String since = Params.string(ctx, "since", null);
        String until = Params.string(ctx, "until", null);
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            filters.put(d, Params.list(ctx, d.label()));
        }
        SearchRequest request = new SearchRequest(
                Params.query(ctx),
                filters,
                Optional.ofNullable(since).filter(s -> !s.isBlank()).map(s -> Dates.startOrThrow("since", s)),
                Optional.ofNullable(until).filter(s -> !s.isBlank()).map(s -> Dates.endOrThrow("until", s)),
                SearchRequest.Sort.parse(Params.string(ctx, "sort", "relevance")),
                Params.integer(ctx, "page", 1, 1, SearchRequest.MAX_DEPTH),
                Params.integer(ctx, "size", SearchRequest.DEFAULT_SIZE, 1, SearchRequest.MAX_SIZE),
                spelling(Params.string(ctx, "spell", "on")),
                SearchRequest.Mode.parse(Params.string(ctx, "mode", "hybrid")));
        ctx.json(engine.search(request));
    }

    private static boolean spelling(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1", "" -> true;
            case "off", "false", "0" -> false;
            default -> throw new BadRequest("spell", "'spell' is on or off, not '" + Params.clip(value) + "'");
        };
    }

    void post(Context ctx) {
        String id = ctx.pathParam("id");
        String q = Params.string(ctx, "q", "");
        if (q.isBlank()) {
            ctx.json(engine.post(id).orElseThrow(() -> noPost(id)));
        } else {
            ctx.json(engine.highlighted(id, q).orElseThrow(() -> noPost(id)));
        }
    }

    void similarById(Context ctx) {
        similar(ctx, ctx.pathParam("id"));
    }

    /** Related posts for a page of the blog, which knows its own URL but not our ids. */
    void similarByUrl(Context ctx) {
        String url = Params.string(ctx, "url", "");
        String id = Params.string(ctx, "id", "");
        if (url.isBlank() && id.isBlank()) {
            throw new BadRequest("url", "give the post's 'url' (or its 'id')");
        }
        similar(ctx, id.isBlank() ? url : id);
    }

    private void similar(Context ctx, String idOrUrl) {
        int size = Params.integer(ctx, "size", DEFAULT_SIMILAR, 1, Related.MAX_SIZE);
        ctx.json(engine.related(idOrUrl, size).orElseThrow(() -> noPost(idOrUrl)));
    }

    void suggest(Context ctx) {
        int size = Params.integer(ctx, "size", DEFAULT_SUGGEST, 1, Suggestion.MAX_SIZE);
        ctx.json(engine.suggest(Params.string(ctx, "q", ""), size));
    }

    void tags(Context ctx) {
        ctx.json(engine.tags(Params.integer(ctx, "size", MAX_TAGS, 1, MAX_TAGS)));
    }

    void stats(Context ctx) {
        ctx.json(engine.stats());
    }

    /** 200 and "ok", or 503 and "failing" with the reason while following cannot write the index. */
    void health(Context ctx) {
        Optional<String> failure = follower == null ? Optional.empty() : follower.failure();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", failure.isEmpty() ? "ok" : "failing");
        failure.ifPresent(f -> {
            h.put("error", f);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        });
        h.put("index_version", engine.version());
        h.put("following", follower == null ? 0 : follower.sources().size());
        long[] cache = engine.cacheCounts();
        h.put("cache_hits", cache[0]);
        h.put("cache_misses", cache[1]);
        ctx.json(h);
    }

    /** Fetches the followed sources now; needs the admin token. */
    void reindex(Context ctx) {
        if (adminToken == null) {
            throw new Refusal(HttpStatus.FORBIDDEN, "reindexing over HTTP is off: start the server with --admin-token");
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        // Constant-time comparison, so response timing says nothing about the token.
        if (!MessageDigest.isEqual(adminToken, given.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(HttpStatus.UNAUTHORIZED,
                    "missing or wrong admin token (send 'Authorization: Bearer TOKEN')");
        }
        if (follower == null) {
            throw new Refusal(HttpStatus.CONFLICT, "nothing to fetch: start the server with --follow SOURCE");
        }
        ctx.json(follower.runNow().report());
    }

    private static Refusal noPost(String idOrUrl) {
        return new Refusal(HttpStatus.NOT_FOUND, "no post with id or URL '" + Params.clip(idOrUrl) + "'");
    }
}
