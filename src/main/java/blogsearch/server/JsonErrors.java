package blogsearch.server;

import blogsearch.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before our routes see the request (a malformed URI, bad percent-encoding,
 * an illegal character), in the API's JSON rather than Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {
    /**
     * Jetty closes some of these connections after the answer (a NUL in the path, say) without saying so; a
     * client then sends its next request into a closed connection. All of them are closed, and say so.
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** A request Jetty could not parse: its connection is closed too. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CONNECTION, "close");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        String error = (code < 500 ? "malformed request: " : "server error: ") + reason.toLowerCase(Locale.ROOT);
        return Json.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
    }
}
