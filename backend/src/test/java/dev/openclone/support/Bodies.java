package dev.openclone.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ingest bodies for tests: a valid batch that each test bends into the shape it needs. */
public final class Bodies {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-02-18T12:20:00Z, the seed's timestamp. */
    public static final double SEED_TIME = 1_708_258_800.0;

    /** The seed's curl example, verbatim. */
    public static final String SEED_CURL_BODY = """
            {
            "source_type": "braindump", "platform": "macos",
            "device_id": "test-001", "plugin_id": "my-plugin",
            "plugin_version": "1.0.0", "timestamp": 1708258800.0,
            "events": [{"timestamp":1708258800.0,"data":{"text":"Hello!"},"raw_ref":"e1"}]
            }""";

    private Bodies() {
    }

    /** A batch header of {@code sourceType} with no events yet. */
    public static ObjectNode batch(String sourceType) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source_type", sourceType);
        body.put("platform", "macos");
        body.put("device_id", "550e8400-e29b-41d4-a716-446655440000");
        body.put("plugin_id", "test-plugin");
        body.put("plugin_version", "1.0.0");
        body.put("timestamp", SEED_TIME);
        body.putArray("events");
        return body;
    }

    /** Adds an event and returns its data object to fill. */
    public static ObjectNode event(ObjectNode batch, double timestamp, String rawRef) {
        ArrayNode events = (ArrayNode) batch.get("events");
        ObjectNode event = events.addObject();
        event.put("timestamp", timestamp);
        if (rawRef != null) {
            event.put("raw_ref", rawRef);
        }
        return event.putObject("data");
    }

    /** A braindump batch with one event per text, raw_refs {@code prefix0, prefix1, …}. */
    public static String braindumps(String prefix, String... texts) {
        ObjectNode batch = batch("braindump");
        for (int i = 0; i < texts.length; i++) {
            event(batch, SEED_TIME + i, prefix + i).put("text", texts[i]);
        }
        return batch.toString();
    }
}
