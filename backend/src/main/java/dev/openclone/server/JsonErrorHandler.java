package dev.openclone.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openclone.http.Responses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to what never reaches a route — a malformed request line or header (400), a URI or headers too
 * long (414, 431), a body that arrives too slowly (408) — in the same {@code {"detail": …}} JSON as every other
 * answer, instead of Jetty's HTML page or an empty body. Never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(JSON_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** {@code {"detail": reason}}: Jetty's reason when it gave one, else the status's name. */
    static byte[] body(int status, String reason) {
        String detail = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        try {
            return Responses.JSON.writeValueAsBytes(Map.of("detail", detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always serialisable", e);
        }
    }
}
