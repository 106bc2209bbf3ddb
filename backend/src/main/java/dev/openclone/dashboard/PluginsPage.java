package dev.openclone.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.index.IndexStats;
import dev.openclone.plugin.PluginsService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /plugins}: every plugin of the catalogue with its status, and every device that sent to this tenant,
 * with its events and when it was last heard from — and a warning for a device silent for much longer than it
 * usually is ({@link #silent}). Plugins outside the catalogue that sent something are listed too.
 */
final class PluginsPage {

    /** A device is silent when it has not delivered for this many of its usual intervals … */
    static final int USUAL_INTERVALS = 4;
    /** … and for at least this long (a device that sends every few seconds may pause for a coffee). */
    static final Duration QUIET_AT_LEAST = Duration.ofMinutes(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PluginsService plugins;
    private final ZoneId zone;
    private final Clock clock;
    private final Pages pages;

    PluginsPage(PluginsService plugins, ZoneId zone, Clock clock, Pages pages) {
        this.plugins = plugins;
        this.zone = zone;
        this.clock = clock;
        this.pages = pages;
    }

    /**
     * One device of a plugin.
     *
     * @param usual   its usual time between deliveries, in words ({@code every 5 min}); empty while unknown
     * @param warning why it looks stopped, or null
     */
    public record Device(String id, long events, String lastSeen, String ago, String usual, String warning) {
    }

    /** One plugin: from the catalogue (with its status), or only known from what it sent. */
    public record Plugin(String id, String name, String status, String description, boolean catalogued,
            long events, String lastSeen, List<Device> devices, List<String> errors) {

        public boolean anySilent() {
            return devices.stream().anyMatch(d -> d.warning() != null);
        }
    }

    /** The model of {@code plugins.jte}. */
    public record View(Frame frame, List<Plugin> plugins, int silent) {
    }

    void show(Context ctx, Session session) throws IOException {
        Map<String, List<IndexStats.DeviceStats>> byPlugin = new LinkedHashMap<>();
        for (IndexStats.DeviceStats device : new IndexStats(session.access().tenant().vault()).devices()) {
            byPlugin.computeIfAbsent(device.pluginId(), id -> new ArrayList<>()).add(device);
        }
        Instant now = clock.instant();
        List<Plugin> list = new ArrayList<>();
        for (ObjectNode plugin : plugins.list(session.access())) {
            String id = plugin.path("id").asText();
            List<String> errors = new ArrayList<>();
            plugin.path("errors").forEach(e -> errors.add(e.asText()));
            list.add(plugin(id, plugin.path("name").asText(id), plugin.path("status").asText("planned"),
                    plugin.path("description").asText(""), true, byPlugin.remove(id), now, errors));
        }
        byPlugin.forEach((id, devices) -> list.add(plugin(id, id, "not in the catalogue", "", false, devices, now,
                List.of())));
        // Plugins that sent something first, the most recent first; the rest of the catalogue after, by id.
        list.sort((a, b) -> a.lastSeen().isEmpty() != b.lastSeen().isEmpty() ? (a.lastSeen().isEmpty() ? 1 : -1)
                : !a.lastSeen().equals(b.lastSeen()) ? b.lastSeen().compareTo(a.lastSeen()) : a.id().compareTo(b.id()));
        int silent = (int) list.stream().flatMap(p -> p.devices().stream()).filter(d -> d.warning() != null).count();
        pages.render(ctx, 200, "plugins.jte", new View(Frame.of(session, "Plugins", "/plugins"), list, silent));
    }

    private Plugin plugin(String id, String name, String status, String description, boolean catalogued,
            List<IndexStats.DeviceStats> stats, Instant now, List<String> errors) {
        List<Device> devices = new ArrayList<>();
        long events = 0;
        double last = 0;
        for (IndexStats.DeviceStats device : stats == null ? List.<IndexStats.DeviceStats>of() : stats) {
            events += device.events();
            last = Math.max(last, device.lastSeen());
            Duration quiet = Duration.between(seconds(device.lastSeen()), now);
            String usual = device.usualIntervalSeconds().map(s -> "every " + words(Duration.ofMillis(
                    Math.round(s * 1000)))).orElse("");
            devices.add(new Device(device.deviceId(), device.events(), time(device.lastSeen()), words(quiet) + " ago",
                    usual, silent(device, quiet) ? "Silent for " + words(quiet) + ", longer than usual (" + usual
                            + "): is it still running?" : null));
        }
        return new Plugin(id, name, status, description, catalogued, events, last == 0 ? "" : time(last), devices,
                errors);
    }

    /** Whether a device has been quiet for {@link #USUAL_INTERVALS} of its usual intervals and 10 minutes. */
    static boolean silent(IndexStats.DeviceStats device, Duration quiet) {
        return device.usualIntervalSeconds().map(usual -> quiet.toMillis() > usual * 1000 * USUAL_INTERVALS
                && quiet.compareTo(QUIET_AT_LEAST) > 0).orElse(false);
    }

    private String time(double epochSeconds) {
        return seconds(epochSeconds).atZone(zone).format(WHEN);
    }

    private static Instant seconds(double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    }

    /** A duration as a person says it: 40 s, 5 min, 3 h, 2 days. */
    static String words(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60d) + " min";
        }
        if (seconds < 36 * 3600) {
            return Math.round(seconds / 3600d) + " h";
        }
        return Math.round(seconds / 86400d) + " days";
    }
}
