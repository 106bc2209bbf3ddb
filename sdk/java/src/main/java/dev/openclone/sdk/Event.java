package dev.openclone.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One captured event, ready to send: its source type, capture time, data fields and raw_ref (the plugin's stable
 * id for it, which makes retries safe). Build one with {@link Events}.
 *
 * @param timestamp capture time, seconds since the epoch
 */
public record Event(String sourceType, double timestamp, Map<String, Object> data, String rawRef) {

    public Event {
        Objects.requireNonNull(sourceType, "sourceType");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The same event with {@code rawRef}. */
    public Event withRawRef(String newRawRef) {
        return new Event(sourceType, timestamp, data, newRawRef);
    }
}
