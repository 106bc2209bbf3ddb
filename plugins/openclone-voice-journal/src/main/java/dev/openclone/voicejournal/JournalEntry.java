package dev.openclone.voicejournal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spoken journal entry, transcribed: when the recording began, how long it is, what was said, a title (the file's
 * name, or the one given at the terminal; may be empty) and the raw_ref that makes sending it twice harmless.
 */
public record JournalEntry(Instant at, double seconds, String text, String title, String rawRef) {

    public static final String SOURCE_TYPE = "journal";
    public static final String PLUGIN_ID = "openclone-voice-journal";
    public static final String PLUGIN_VERSION = "0.1.0";

    /** The event's data: {@code text}, {@code duration} (s, one decimal) and {@code title} when there is one. */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("duration", Math.round(seconds * 10) / 10.0);
        if (!title.isBlank()) {
            data.put("title", title);
        }
        return data;
    }

    /** The event's time: seconds since the epoch, to the millisecond. */
    public double timestamp() {
        return at.toEpochMilli() / 1000.0;
    }
}
