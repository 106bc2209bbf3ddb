package dev.openclone.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A validated ingest request: the batch header and its events, in the order they were sent. */
public record IngestBatch(
        SourceType sourceType,
        Platform platform,
        String deviceId,
        String pluginId,
        String pluginVersion,
        double timestamp,
        List<Event> events) {

    public IngestBatch {
        events = List.copyOf(events);
    }

    /**
     * One captured event.
     *
     * @param timestamp capture time, seconds since the epoch
     * @param data      the source-type fields, unknown extra fields included
     * @param rawRef    the plugin's own id for deduplication, or null
     * @param replaces  raw_refs of this plugin's earlier events of this source type that this one replaces (an
     *                  updated or cancelled calendar event): they are forgotten once this one is stored
     */
    public record Event(double timestamp, ObjectNode data, String rawRef, List<String> replaces) {

        public Event {
            replaces = replaces == null ? List.of() : List.copyOf(replaces);
        }

        public Event(double timestamp, ObjectNode data, String rawRef) {
            this(timestamp, data, rawRef, List.of());
        }
    }
}
