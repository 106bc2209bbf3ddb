package dev.openclone.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One captured event, ready to send: its source type, capture time, data fields and raw_ref (the plugin's stable
 * id for it, which makes retries safe). Build one with {@link Events}.
 *
 * @param timestamp capture time, seconds since the epoch
 * @param replaces  raw_refs of this plugin's earlier events this one replaces (an updated calendar event): the
 *                  server forgets them once this one is stored; usually empty
 */
public record Event(String sourceType, double timestamp, Map<String, Object> data, String rawRef,
        List<String> replaces) {

    public Event {
        Objects.requireNonNull(sourceType, "sourceType");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    public Event(String sourceType, double timestamp, Map<String, Object> data, String rawRef) {
        this(sourceType, timestamp, data, rawRef, List.of());
    }

    /** The same event with {@code rawRef}. */
    public Event withRawRef(String newRawRef) {
        return new Event(sourceType, timestamp, data, newRawRef, replaces);
    }

    /** The same event, replacing the earlier events with these raw_refs. */
    public Event replacing(List<String> rawRefs) {
        return new Event(sourceType, timestamp, data, rawRef, rawRefs);
    }
}
