package dev.openclone.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The readable parts of an event's stored data, whatever its source type names them. */
public final class EventText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> LABELS = List.of("window_title", "title", "track", "subject", "app_name",
            "place_name", "filename", "url", "from", "session_key");
    private static final List<String> BODIES = List.of("text", "content", "excerpt", "preview");

    private EventText() {
    }

    /** What names the event: a window title, a page or note title, a track…; empty when it has none. */
    public static String label(Map<?, ?> data) {
        for (String field : LABELS) {
            if (data.get(field) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    /** The event's text: its text field, a conversation's messages, or else its data as compact JSON. */
    public static String body(Map<?, ?> data) {
        for (String field : BODIES) {
            if (data.get(field) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        if (data.get("messages") instanceof List<?> messages) {
            List<String> lines = new ArrayList<>();
            for (Object message : messages) {
                if (message instanceof Map<?, ?> one && one.get("content") != null) {
                    Object content = one.get("content");
                    lines.add(one.get("role") + ": " + (content instanceof String text ? text : json(content)));
                }
            }
            return String.join("\n", lines);
        }
        return json(data);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
