package dev.openclone.mcp;

import dev.openclone.http.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** What the tools share: their annotations, and how an endpoint's error becomes a tool error. */
final class Tools {

    static final McpSchema.ToolAnnotations READ_ONLY = new McpSchema.ToolAnnotations(null, true, false, true,
            false, null);

    private Tools() {
    }

    /** A refused call, with the endpoint's own message ({@code limit: Input should be …}). */
    static ToolResult failed(Reply reply) {
        Object detail = reply.body() instanceof Map<?, ?> body ? body.get("detail") : reply.body();
        return ToolResult.error(Arguments.describe(detail));
    }

    /** A whole number given as text, or {@code fallback} (the validation has already refused anything else). */
    static int number(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
