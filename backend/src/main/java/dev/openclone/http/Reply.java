package dev.openclone.http;

import java.util.Map;

/**
 * What a service answers, before it is sent: the HTTP status and the JSON body. The HTTP handlers send it as it is;
 * the MCP tools turn a status other than 200 into a tool error carrying the same {@code detail}.
 */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    /** An error: {@code {"detail": detail}}. */
    public static Reply detail(int status, Object detail) {
        return new Reply(status, Map.of("detail", detail));
    }

    public boolean isOk() {
        return status == 200;
    }
}
