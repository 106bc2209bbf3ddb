package dev.openclone.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.agent.PluginStateFile;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.RawRefs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calendar: the events of .ics files and addresses and of a CalDAV calendar as {@code calendar} events, each
 * occurrence of a recurring event on its own, sent once it starts within a day (the server takes nothing later);
 * the past {@code past_days} the first time. An occurrence that changes afterwards (moved, renamed, cancelled,
 * deleted) is sent again, replacing what was sent before ({@code replaces}), so the vault holds its last state.
 */
public final class Calendars implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(Calendars.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server takes events up to 24 h ahead; a little less, for clocks that differ. */
    private static final Duration AHEAD = Duration.ofHours(23);

    private PluginContext context;
    private final Sources sources = new Sources();
    private PluginStateFile stateFile;
    private final Map<String, Sent> sent = new HashMap<>();
    private boolean pending;

    /** What was sent of an occurrence: its content hash, raw_ref, revision, start and title. */
    record Sent(String hash, String rawRef, int revision, long start, String title) {
    }

    @Override
    public String id() {
        return "openclone-calendar";
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings s = context.settings();
        if (s.texts("calendars").isEmpty() && s.text("caldav_url").isBlank()) {
            throw new CaptureException("no calendar to read: add \"calendars\" (.ics files or addresses) or "
                    + "\"caldav_url\" to the openclone-calendar settings of the agent's config");
        }
        stateFile = PluginStateFile.of(context);
        stateFile.read().path("sent").fields().forEachRemaining(e -> sent.put(e.getKey(),
                new Sent(e.getValue().path("hash").asText(), e.getValue().path("raw_ref").asText(),
                        e.getValue().path("revision").asInt(), e.getValue().path("start").asLong(),
                        e.getValue().path("title").asText())));
    }

    @Override
    public List<Event> capture() throws CaptureException {
        save();
        PluginSettings s = context.settings();
        ZoneId zone = s.text("timezone").isBlank() ? ZoneId.systemDefault() : ZoneId.of(s.text("timezone"));
        ZonedDateTime now = context.clock().instant().atZone(zone);
        ZonedDateTime from = now.minusDays(s.integer("past_days"));
        ZonedDateTime to = now.plus(AHEAD);
        List<Sources.Fetched> calendars = new ArrayList<>();
        for (String source : s.texts("calendars")) {
            calendars.add(sources.fetch(source));
        }
        if (!s.text("caldav_url").isBlank()) {
            calendars.addAll(sources.caldav(s.text("caldav_url"), s.text("caldav_user"), password(s), from, to));
        }
        Map<String, Occurrence> now0 = new LinkedHashMap<>();
        for (Sources.Fetched calendar : calendars) {
            try {
                for (Occurrence o : Occurrences.of(calendar.ics(), calendar.name(), from, to, zone)) {
                    now0.put(o.key(), o);
                }
            } catch (IOException e) {
                throw new CaptureException("calendar " + calendar.name() + ": " + e.getMessage(), e);
            }
        }
        List<Event> events = new ArrayList<>();
        for (Occurrence o : now0.values()) {
            Sent before = sent.get(o.key());
            String hash = RawRefs.of(o.title(), o.start(), o.end(), o.location(), o.attendees(), o.cancelled());
            if (before != null && before.hash().equals(hash)) {
                continue;
            }
            if (before == null && o.cancelled()) {
                continue; // cancelled before it was ever sent: nothing to remember
            }
            int revision = before == null ? 1 : before.revision() + 1;
            String rawRef = "cal-" + RawRefs.of(o.key()) + "-r" + revision;
            events.add(event(o, rawRef, before));
            context.count(before == null ? "new" : o.cancelled() ? "cancelled" : "updated");
            sent.put(o.key(), new Sent(hash, rawRef, revision, o.startEpoch(), o.title()));
            pending = true;
        }
        // sent before, inside the window still, and gone from its calendar: deleted, as good as cancelled
        long fromEpoch = from.toEpochSecond();
        for (Map.Entry<String, Sent> one : new ArrayList<>(sent.entrySet())) {
            Sent was = one.getValue();
            if (was.start() < fromEpoch) {
                sent.remove(one.getKey()); // out of the window: kept as it was
                pending = true;
            } else if (!now0.containsKey(one.getKey()) && !was.hash().equals("deleted")) {
                int revision = was.revision() + 1;
                String rawRef = "cal-" + RawRefs.of(one.getKey()) + "-r" + revision;
                events.add(deleted(was, rawRef));
                context.count("deleted");
                sent.put(one.getKey(), new Sent("deleted", rawRef, revision, was.start(), was.title()));
                pending = true;
            }
        }
        if (!events.isEmpty()) {
            LOG.info("openclone-calendar: {} occurrences new or changed", events.size());
        }
        return events;
    }

    private static Event event(Occurrence o, String rawRef, Sent before) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", o.cancelled() ? "Cancelled: " + o.title() : o.title());
        data.put("start", o.start());
        data.put("end", o.end());
        if (!o.location().isEmpty()) {
            data.put("location", o.location());
        }
        if (!o.attendees().isEmpty()) {
            data.put("attendees", o.attendees());
        }
        data.put("calendar", o.calendar());
        data.put("status", o.cancelled() ? "cancelled" : before == null ? "confirmed" : "updated");
        return new Event("calendar", o.startEpoch(), data, rawRef,
                before == null ? List.of() : List.of(before.rawRef()));
    }

    private static Event deleted(Sent was, String rawRef) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "Deleted: " + was.title());
        data.put("start", java.time.Instant.ofEpochSecond(was.start()).toString());
        data.put("status", "deleted");
        return new Event("calendar", was.start(), data, rawRef, List.of(was.rawRef()));
    }

    private static String password(PluginSettings s) throws CaptureException {
        String file = s.text("caldav_password_file");
        if (file.isBlank()) {
            return "";
        }
        try {
            Path path = Path.of(file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file);
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CaptureException("cannot read caldav_password_file: " + e.getMessage(), e);
        }
    }

    private void save() throws CaptureException {
        if (!pending) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("sent");
        sent.forEach((key, s) -> all.putObject(key).put("hash", s.hash()).put("raw_ref", s.rawRef())
                .put("revision", s.revision()).put("start", s.start()).put("title", s.title()));
        stateFile.write(root);
        pending = false;
    }

    @Override
    public void close() {
        try {
            save();
        } catch (CaptureException e) {
            LOG.warn("openclone-calendar: {}", e.getMessage());
        }
    }
}
