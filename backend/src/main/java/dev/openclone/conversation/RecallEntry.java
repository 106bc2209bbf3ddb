package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a recall NDJSON file: a captured request-response turn, with the keys and key order of
 * openclaw-universal-capture 0.7 ({@code advancementKey}, {@code timestamp}, {@code sessionId},
 * {@code sessionKey}, {@code senderUsername}, {@code userText}, {@code assistantText}). Optional keys are null
 * and left out of the line.
 */
public record RecallEntry(String advancementKey, String timestamp, String sessionId, String sessionKey,
        String senderUsername, String userText, String assistantText) {

    /** The line, as {@code JSON.stringify} writes it (no newline). */
    public String toLine() {
        StringBuilder line = new StringBuilder("{");
        field(line, "advancementKey", advancementKey);
        field(line, "timestamp", timestamp);
        field(line, "sessionId", sessionId);
        field(line, "sessionKey", sessionKey);
        field(line, "senderUsername", senderUsername);
        field(line, "userText", userText);
        field(line, "assistantText", assistantText);
        return line.append('}').toString();
    }

    /** The same fields, in line order, for JSON answers. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "advancementKey", advancementKey);
        put(map, "timestamp", timestamp);
        put(map, "sessionId", sessionId);
        put(map, "sessionKey", sessionKey);
        put(map, "senderUsername", senderUsername);
        put(map, "userText", userText);
        put(map, "assistantText", assistantText);
        return map;
    }

    /**
     * A parsed line as the seed accepts it: an object with non-empty string {@code timestamp}, {@code sessionKey},
     * {@code userText} and {@code assistantText}; optional keys kept only when non-empty strings; others dropped.
     */
    public static Optional<RecallEntry> of(JsonNode value) {
        if (value == null || !value.isObject()) {
            return Optional.empty();
        }
        String timestamp = text(value, "timestamp");
        String sessionKey = text(value, "sessionKey");
        String userText = text(value, "userText");
        String assistantText = text(value, "assistantText");
        if (timestamp == null || sessionKey == null || userText == null || assistantText == null) {
            return Optional.empty();
        }
        return Optional.of(new RecallEntry(text(value, "advancementKey"), timestamp, text(value, "sessionId"),
                sessionKey, text(value, "senderUsername"), userText, assistantText));
    }

    /** A line this server wrote to its own log: every string kept as written, empty ones included. */
    public static RecallEntry fromLog(JsonNode value) {
        return new RecallEntry(raw(value, "advancementKey"), raw(value, "timestamp"), raw(value, "sessionId"),
                raw(value, "sessionKey"), raw(value, "senderUsername"), raw(value, "userText"),
                raw(value, "assistantText"));
    }

    private static String raw(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String text(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static void field(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        if (line.length() > 1) {
            line.append(',');
        }
        JsText.quote(line, key);
        line.append(':');
        JsText.quote(line, value);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
