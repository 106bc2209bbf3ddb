package dev.openclone.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** JSON answers in the FastAPI shape the plugins expect: {@code {"detail": …}} for every error. */
public final class Responses {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    public static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    public static void send(Context ctx, Reply reply) {
        json(ctx, reply.status(), reply.body());
    }

    public static void detail(Context ctx, int status, Object detail) {
        json(ctx, status, Map.of("detail", detail));
    }

    /** The answer to a missing, unknown or revoked key, the same on every route. */
    public static void invalidKey(Context ctx) {
        detail(ctx, 401, "Invalid or missing X-API-Key");
    }
}
