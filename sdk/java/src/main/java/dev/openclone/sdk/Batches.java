package dev.openclone.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ingest body with any number of events into bodies the server takes: each with the original's header
 * fields and at most {@link IngestLimits#MAX_EVENTS} events in at most {@link IngestLimits#MAX_BODY_BYTES}. An
 * event too large to fit any body goes alone into one (the server then refuses it with {@code 413}).
 */
public final class Batches {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@code ,"events":[} and {@code ]} add to the header's own bytes. */
    private static final int EVENTS_ARRAY_BYTES = 16;

    private Batches() {
    }

    /** The bodies, in order; one body with no events when {@code body} has none (the server's answer tells why). */
    public static List<ObjectNode> split(ObjectNode body) {
        ObjectNode header = body.deepCopy();
        JsonNode events = header.remove("events");
        int headerBytes = size(header) + EVENTS_ARRAY_BYTES;
        List<ObjectNode> batches = new ArrayList<>();
        ArrayNode batch = null;
        long bytes = 0;
        for (JsonNode event : events instanceof ArrayNode array ? array : JSON.createArrayNode()) {
            int size = size(event) + 1;
            if (batch == null || batch.size() == IngestLimits.MAX_EVENTS
                    || bytes + size > IngestLimits.MAX_BODY_BYTES) {
                ObjectNode next = header.deepCopy();
                batch = next.putArray("events");
                batches.add(next);
                bytes = headerBytes;
            }
            batch.add(event);
            bytes += size;
        }
        if (batches.isEmpty()) {
            ObjectNode empty = header.deepCopy();
            empty.putArray("events");
            batches.add(empty);
        }
        return batches;
    }

    private static int size(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }
}
