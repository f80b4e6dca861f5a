package blogsearch.server;

import io.javalin.http.HttpStatus;

/**
 * A request the API answers with a status other than 200 or 400 (no such post, no token, reindexing off,
 * nothing to follow, busy), and the reason in words; the server's one error mapping writes it as JSON.
 */
final class Refusal extends RuntimeException {
    final HttpStatus status;

    Refusal(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }
}
