package blogsearch.opensearch;

import blogsearch.engine.IndexError;
import blogsearch.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * JSON over HTTP to an OpenSearch cluster through the JDK's client (TLS certificates verified as the JDK does).
 * Several addresses may be given: when one cannot be reached, the next is tried.
 */
final class Rest {
    /** An answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final List<URI> nodes;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int current;

    Rest(List<URI> nodes, Optional<String> authorization) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch address");
        }
        this.nodes = List.copyOf(nodes);
        this.authorization = authorization;
    }

    /** Basic authentication or an API key, from the environment. */
    static Optional<String> authorization(String user, String password, String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of("ApiKey " + apiKey.strip());
        }
        if (user != null && !user.isBlank()) {
            String pair = user + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    String address() {
        return nodes.get(current).toString();
    }

    /** Sends {@code body} (an object made JSON, a string as it is, or null) and returns the answer, whatever its status. */
    Answer send(String method, String path, Object body) {
        String json = body == null ? null : body instanceof String s ? s : write(body);
        IOException last = null;
        for (int attempt = 0; attempt < nodes.size(); attempt++) {
            int node = (current + attempt) % nodes.size();
            HttpRequest.Builder b = HttpRequest.newBuilder(nodes.get(node).resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (json != null) {
                b.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
            }
            authorization.ifPresent(a -> b.header("Authorization", a));
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                current = node;
                JsonNode parsed = r.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(r.body());
                return new Answer(r.statusCode(), parsed);
            } catch (SSLException e) {
                // Another node would present the same certificate: say what to do instead of trying it.
                throw new IndexError("OpenSearch at " + nodes.get(node) + " is not trusted over TLS: " + e.getMessage()
                        + "; add the cluster's certificate authority to the JDK's trust store", e);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexError("interrupted talking to OpenSearch at " + nodes.get(node), e);
            }
        }
        throw new IndexError("cannot reach OpenSearch at " + nodes + ": " + last.getMessage(), last);
    }

    /** As {@link #send}, but an answer that is not 2xx is an {@link IndexError} naming the request and the reason. */
    JsonNode call(String method, String path, Object body) {
        Answer a = send(method, path, body);
        if (!a.ok()) {
            throw new IndexError("OpenSearch refused " + method + " " + path + " (" + a.status() + "): "
                    + reason(a.body()), null);
        }
        return a.body();
    }

    /** The reason OpenSearch gives in an error answer. */
    static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            JsonNode root = error.path("root_cause").path(0);
            return (root.isMissingNode() ? error : root).path("reason").asText(error.path("type").asText());
        }
        return error.isMissingNode() ? body.toString() : error.asText();
    }

    private static String write(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request as JSON", e);
        }
    }
}
