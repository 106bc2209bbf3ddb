package dev.openclone.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Conversation turns as the OpenClaw plugin sends them. */
public final class Turns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Turns() {
    }

    /** An ingest body of one turn of {@code sessionKey}: the user's message, then the assistant's reply at {@code at}. */
    public static String turn(String sessionKey, String ref, String user, String assistant, String at) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source_type", "conversation").put("platform", "linux").put("device_id", "host-1")
                .put("plugin_id", "openclone-openclaw-capture").put("plugin_version", "0.1.0")
                .put("timestamp", 1_780_308_300.0);
        ObjectNode event = body.putArray("events").addObject();
        event.put("timestamp", 1_780_308_300.0).put("raw_ref", ref);
        ObjectNode data = event.putObject("data");
        data.put("session_key", sessionKey).put("session_id", "s").put("pre_prompt_message_count", 0);
        ArrayNode messages = data.putArray("messages");
        messages.addObject().put("role", "user").put("content", user);
        messages.addObject().put("role", "assistant").put("content", assistant).put("timestamp", at);
        return body.toString();
    }
}
