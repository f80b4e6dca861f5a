package blogsearch.opensearch;

import blogsearch.engine.IndexError;
import blogsearch.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes in bulk requests of bounded size. Documents the cluster pushes back on (429, or a shard not ready
 * while a replica takes over) are sent again after a growing pause; documents it refuses for good are
 * reported, by id and reason, and the commit that follows fails naming them. Thread-safe.
 */
final class Bulk {
    /** A batch goes out at this many documents or this many bytes, whichever comes first. */
    static final int MAX_DOCS = 500;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MS = 200;

    /** One document to write: where, its id, and its JSON. */
    private record Item(String index, String id, String json) {}

    private final Rest rest;
    private final List<Item> posts = new ArrayList<>();
    private final List<Item> feeds = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private int bytes;
    private boolean written;
    private String failure;

    Bulk(Rest rest) {
        this.rest = rest;
    }

    synchronized void index(String index, String id, Map<String, Object> doc) {
        Item item = new Item(index, id, json(doc));
        posts.add(item);
        bytes += item.json().length();
        if (posts.size() >= MAX_DOCS || bytes >= MAX_BYTES) {
            sendPosts();
        }
    }

    /** Feeds wait for the commit, so that a feed is never remembered as read before its posts are written. */
    synchronized void feed(String index, String id, Map<String, Object> doc) {
        feeds.add(new Item(index, id, json(doc)));
    }

    synchronized void sendPosts() {
        send(posts);
        posts.clear();
        bytes = 0;
    }

    /** Sends everything waiting, posts first; fails naming the documents refused since the last commit. */
    synchronized void commit() {
        sendPosts();
        if (!refused.isEmpty()) {
            String names = String.join("; ", refused.subList(0, Math.min(5, refused.size())));
            int n = refused.size();
            refused.clear();
            feeds.clear(); // their posts are not all there: read them again next time
            failure = "OpenSearch refused " + n + " post" + (n == 1 ? "" : "s") + ": " + names;
            throw new IndexError(failure, null);
        }
        send(feeds);
        feeds.clear();
    }

    /** Whether anything was written since the last call. */
    synchronized boolean takeWritten() {
        boolean w = written;
        written = false;
        return w;
    }

    synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    synchronized void clearFailure() {
        failure = null;
    }

    private void send(List<Item> items) {
        List<Item> pending = new ArrayList<>(items);
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            StringBuilder body = new StringBuilder();
            for (Item i : pending) {
                body.append("{\"index\":{\"_index\":").append(json(i.index())).append(",\"_id\":")
                        .append(json(i.id())).append("}}\n").append(i.json()).append('\n');
            }
            Rest.Answer a = rest.send("POST", "_bulk", body.toString());
            List<Item> again = new ArrayList<>();
            if (a.status() == 429 || a.status() == 503) {
                again.addAll(pending);
            } else if (!a.ok()) {
                throw new IndexError("OpenSearch refused a bulk request (" + a.status() + "): "
                        + Rest.reason(a.body()), null);
            } else {
                JsonNode results = a.body().path("items");
                for (int k = 0; k < pending.size(); k++) {
                    JsonNode r = results.path(k).path("index");
                    int status = r.path("status").asInt(500);
                    if (status == 429 || status == 503 || status >= 500) {
                        again.add(pending.get(k)); // pushed back, or a shard between primaries
                    } else if (status / 100 != 2) {
                        refused.add(pending.get(k).id() + " (" + r.path("error").path("reason").asText() + ")");
                    } else {
                        written = true;
                    }
                }
            }
            if (again.isEmpty()) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IndexError("OpenSearch kept pushing back " + again.size() + " documents after "
                        + attempt + " attempts; try again later", null);
            }
            pending = again;
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexError("interrupted while OpenSearch pushed back", e);
            }
            pause = Math.min(pause * 2, 10_000);
        }
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a document as JSON", e);
        }
    }
}
