package dev.openclone.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builders for every source type, each taking the fields that type requires. For example:
 * <pre>
 * Event e = Events.audioSystem("We discussed the roadmap.").appName("Google Meet").duration(60)
 *         .confidence(0.95).at(Instant.now()).rawRef(RawRefs.of("meet", chunkStart)).build();
 * </pre>
 * The server checks the same rules; see docs/api.md for each type's fields.
 */
public final class Events {

    private Events() {
    }

    public static EventBuilder audioSystem(String text) {
        return new EventBuilder("audio_system").set("text", text);
    }

    public static EventBuilder audioMic(String text) {
        return new EventBuilder("audio_mic").set("text", text);
    }

    public static EventBuilder screenOcr(String text) {
        return new EventBuilder("screen_ocr").set("text", text);
    }

    public static EventBuilder journal(String text) {
        return new EventBuilder("journal").set("text", text);
    }

    public static EventBuilder braindump(String text) {
        return new EventBuilder("braindump").set("text", text);
    }

    public static EventBuilder webBrowsing(String url) {
        return new EventBuilder("web_browsing").set("url", url);
    }

    public static EventBuilder music(String track) {
        return new EventBuilder("music").set("track", track);
    }

    /** Add at least one metric with {@link EventBuilder#metric}. */
    public static EventBuilder health() {
        return new EventBuilder("health");
    }

    public static EventBuilder calendar(String title, Instant start) {
        return new EventBuilder("calendar").set("title", title).set("start", seconds(start));
    }

    /** A note needs a title or a text; pass null for the one it has not. */
    public static EventBuilder notes(String title, String text) {
        EventBuilder builder = new EventBuilder("notes");
        if (title != null) {
            builder.set("title", title);
        }
        if (text != null) {
            builder.set("text", text);
        }
        return builder;
    }

    public static EventBuilder gps(double lat, double lon) {
        return new EventBuilder("gps").set("lat", lat).set("lon", lon);
    }

    public static EventBuilder photos(String filename) {
        return new EventBuilder("photos").set("filename", filename);
    }

    /** Subject and headers only: the server refuses email bodies. */
    public static EventBuilder email(String subject) {
        return new EventBuilder("email").set("subject", subject);
    }

    public static EventBuilder messaging(String from) {
        return new EventBuilder("messaging").set("from", from);
    }

    public static EventBuilder activity(String appName) {
        return new EventBuilder("activity").set("app_name", appName);
    }

    static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** A fluent builder; the typed setters name the fields of docs/api.md. */
    public static final class EventBuilder {
        private final String sourceType;
        private final Map<String, Object> data = new java.util.LinkedHashMap<>();
        private Instant at = Instant.now();
        private String rawRef;

        EventBuilder(String sourceType) {
            this.sourceType = sourceType;
        }

        /** Capture time (default: when the builder was made). Always the capture time, not the send time. */
        public EventBuilder at(Instant captured) {
            this.at = captured;
            return this;
        }

        /** Your stable id for this event (see {@link RawRefs}); without one the client assigns a random one. */
        public EventBuilder rawRef(String ref) {
            this.rawRef = ref;
            return this;
        }

        /** Any data field, known or extra (extra fields are kept by the server). */
        public EventBuilder set(String field, Object value) {
            data.put(field, value);
            return this;
        }

        public EventBuilder text(String text) {
            return set("text", text);
        }

        public EventBuilder appName(String app) {
            return set("app_name", app);
        }

        public EventBuilder windowTitle(String title) {
            return set("window_title", title);
        }

        public EventBuilder url(String url) {
            return set("url", url);
        }

        public EventBuilder title(String title) {
            return set("title", title);
        }

        /** Seconds (audio, journal, music, activity). */
        public EventBuilder duration(double seconds) {
            return set("duration", seconds);
        }

        /** 0 to 1 (audio). */
        public EventBuilder confidence(double confidence) {
            return set("confidence", confidence);
        }

        public EventBuilder domain(String domain) {
            return set("domain", domain);
        }

        /** Seconds (web). */
        public EventBuilder readingTime(double seconds) {
            return set("reading_time", seconds);
        }

        public EventBuilder excerpt(String excerpt) {
            return set("excerpt", excerpt);
        }

        public EventBuilder artist(String artist) {
            return set("artist", artist);
        }

        public EventBuilder album(String album) {
            return set("album", album);
        }

        /** A health metric such as steps, heart_rate, sleep_hours. */
        public EventBuilder metric(String name, double value) {
            return set(name, value);
        }

        public EventBuilder end(Instant end) {
            return set("end", seconds(end));
        }

        public EventBuilder location(String location) {
            return set("location", location);
        }

        public EventBuilder attendees(List<String> attendees) {
            return set("attendees", List.copyOf(attendees));
        }

        public EventBuilder tags(List<String> tags) {
            return set("tags", List.copyOf(tags));
        }

        /** Meters (gps). */
        public EventBuilder accuracy(double meters) {
            return set("accuracy", meters);
        }

        public EventBuilder placeName(String place) {
            return set("place_name", place);
        }

        public EventBuilder from(String from) {
            return set("from", from);
        }

        public EventBuilder to(List<String> to) {
            return set("to", List.copyOf(to));
        }

        /** At most 280 characters (messaging). */
        public EventBuilder preview(String preview) {
            return set("preview", preview);
        }

        public EventBuilder platform(String platform) {
            return set("platform", platform);
        }

        public EventBuilder category(String category) {
            return set("category", category);
        }

        public Event build() {
            return new Event(sourceType, seconds(at), data, rawRef);
        }
    }
}
