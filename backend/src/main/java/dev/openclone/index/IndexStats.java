package dev.openclone.index;

import dev.openclone.index.IndexStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts over a vault's index, for the views that summarise what was captured (the plugin list, recent activity,
 * the dashboard): per plugin, per device, per daily file. Read-only, like {@link IndexReader}.
 */
public final class IndexStats {

    private final Path vault;

    public IndexStats(Path vault) {
        this.vault = vault;
    }

    /** What a plugin stored in this vault: events, the last arrival, the number of devices it came from. */
    public record PluginStats(long events, double lastSeen, int devices) {
    }

    /** How many live events of one source type one daily file holds. */
    public record FileCount(String file, String sourceType, long events) {
    }

    /** How many live events each of {@code files} holds, per source type; nothing for a file that holds none. */
    public List<FileCount> eventsPerFile(List<String> files) throws IOException {
        List<FileCount> counts = new ArrayList<>();
        if (files.isEmpty() || !Files.exists(Index.file(vault))) {
            return counts;
        }
        // Answered from events_by_file (file, source_type) alone: a tombstone has left its file, so every row
        // found here is live.
        try (Connection index = IndexReader.open(vault); PreparedStatement select = index.prepareStatement(
                "SELECT file, source_type, count(*) FROM events WHERE file IN (" + IndexReader.marks(files)
                        + ") GROUP BY file, source_type")) {
            IndexReader.bind(select, files);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.add(new FileCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw IndexReader.unreadable(vault, e);
        }
        return counts;
    }

    /**
     * What {@code files} hold that was captured since {@code sinceMillis}: events per source type, and the most
     * frequent values of each of {@code fields} (data fields such as {@code app_name}), {@code top} of each at most.
     */
    public Activity activitySince(List<String> files, long sinceMillis, List<String> fields, int top)
            throws IOException {
        Map<String, Long> bySource = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byField = new LinkedHashMap<>();
        if (files.isEmpty() || !Files.exists(Index.file(vault))) {
            return new Activity(bySource, byField);
        }
        String recent = "FROM events WHERE file IN (" + IndexReader.marks(files) + ") AND captured_at >= ?";
        try (Connection index = IndexReader.open(vault)) {
            try (PreparedStatement select = index.prepareStatement("SELECT source_type, count(*) " + recent
                    + " GROUP BY source_type ORDER BY count(*) DESC, source_type")) {
                select.setDouble(IndexReader.bind(select, files), sinceMillis / 1000d);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bySource.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            for (String field : fields) {
                Map<String, Long> values = new LinkedHashMap<>();
                try (PreparedStatement select = index.prepareStatement("SELECT value, count(*) FROM (SELECT "
                        + "json_extract(data, ?) AS value " + recent + ") WHERE typeof(value) = 'text' AND value != '' "
                        + "GROUP BY value ORDER BY count(*) DESC, value LIMIT ?")) {
                    select.setString(1, "$." + field);
                    int i = 2;
                    for (String file : files) {
                        select.setString(i++, file);
                    }
                    select.setDouble(i++, sinceMillis / 1000d);
                    select.setInt(i, top);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            values.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                byField.put(field, values);
            }
        } catch (SQLException e) {
            throw IndexReader.unreadable(vault, e);
        }
        return new Activity(bySource, byField);
    }

    /**
     * @param bySource events per source type, most first
     * @param byField  per data field asked, its most frequent values with their counts, most first
     */
    public record Activity(Map<String, Long> bySource, Map<String, Map<String, Long>> byField) {
    }

    /** Per plugin id, what it stored in this vault. */
    public Map<String, PluginStats> pluginStats() throws IOException {
        Map<String, PluginStats> stats = new HashMap<>();
        if (!Files.exists(Index.file(vault))) {
            return stats;
        }
        try (Connection index = IndexReader.open(vault); PreparedStatement select = index.prepareStatement(
                "SELECT plugin_id, sum(events), max(last_seen), count(*) FROM plugin_devices GROUP BY plugin_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                stats.put(rs.getString(1), new PluginStats(rs.getLong(2), rs.getDouble(3), rs.getInt(4)));
            }
        } catch (SQLException e) {
            throw IndexReader.unreadable(vault, e);
        }
        return stats;
    }

    /**
     * What one device of one plugin delivered: events stored, the first and the last delivery, and how many
     * deliveries there were (the times stored events arrived).
     */
    public record DeviceStats(String pluginId, String deviceId, long events, double firstSeen, double lastSeen,
            long arrivals) {

        /** The mean time between deliveries, in seconds; empty before there were three. */
        public Optional<Double> usualIntervalSeconds() {
            return arrivals >= 3 && lastSeen > firstSeen ? Optional.of((lastSeen - firstSeen) / (arrivals - 1))
                    : Optional.empty();
        }
    }

    /** Every device that delivered to this vault, by plugin id then device id. */
    public List<DeviceStats> devices() throws IOException {
        List<DeviceStats> devices = new ArrayList<>();
        if (!Files.exists(Index.file(vault))) {
            return devices;
        }
        try (Connection index = IndexReader.open(vault); PreparedStatement select = index.prepareStatement(
                "SELECT plugin_id, device_id, events, coalesce(first_seen, last_seen), last_seen, arrivals "
                        + "FROM plugin_devices ORDER BY plugin_id, device_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                devices.add(new DeviceStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw IndexReader.unreadable(vault, e);
        }
        return devices;
    }
}
