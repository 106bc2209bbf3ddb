package dev.openclone.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The questions the read endpoints ask a vault's index, on a read-only connection of their own (WAL lets readers
 * and the writer work at once). A vault that has no index yet answers as an empty one. An index that cannot be
 * read is an {@link IOException}, like any other storage that cannot be read.
 */
public final class IndexReader {

    private final Path vault;

    public IndexReader(Path vault) {
        this.vault = vault;
    }

    /** A stored event as the timeline shows it: its data is the redacted JSON that was stored. */
    public record StoredEvent(double capturedAt, String sourceType, String pluginId, String deviceId, String file,
            String data) {
    }

    /** A stored event with its sequence number (the row id, growing with every insert) and its place in the vault. */
    /** @param line the line of the entry's heading, 0 when it was not recorded (entries stored before V7) */
    public record Row(long id, double capturedAt, String sourceType, String pluginId, String deviceId, String file,
            long fileOffset, long line, String data) {
    }

    /**
     * The events stored after {@code afterId}, in the order they were stored, at most {@code max}: what a derived
     * index (search) has not seen yet.
     */
    public List<Row> eventsAfter(long afterId, int max) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, captured_at, source_type, plugin_id, device_id, file, file_offset, coalesce(line, 0), "
                        + "data FROM events WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return rows;
    }

    /** What a plugin stored in this vault: events, the last arrival, the number of devices it came from. */
    public record PluginStats(long events, double lastSeen, int devices) {
    }

    /** Takes rows one at a time; returns false to stop. */
    @FunctionalInterface
    public interface RowVisitor {
        boolean visit(StoredEvent event) throws IOException;
    }

    /**
     * The events whose entries are in {@code files}, oldest first, at most {@code limit}.
     *
     * @param sourceType only events of this type, or null for all
     */
    public List<StoredEvent> eventsInFiles(List<String> files, String sourceType, int limit) throws IOException {
        List<StoredEvent> events = new ArrayList<>();
        eachEventInFiles(files, sourceType, 0, event -> events.add(event) && events.size() < limit);
        return events;
    }

    /**
     * Hands the events whose entries are in {@code files} to {@code visitor}, oldest first, from the
     * {@code offset}-th on, one row at a time (a day may hold gigabytes: nothing is collected here), until it
     * returns false.
     */
    public void eachEventInFiles(List<String> files, String sourceType, int offset, RowVisitor visitor)
            throws IOException {
        if (files.isEmpty() || !Files.exists(Index.file(vault))) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(files.size(), "?"));
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT captured_at, source_type, plugin_id, device_id, file, data FROM events WHERE file IN ("
                        + marks + ") AND (? IS NULL OR source_type = ?) ORDER BY captured_at, id LIMIT -1 OFFSET ?")) {
            int i = 1;
            for (String file : files) {
                select.setString(i++, file);
            }
            select.setString(i++, sourceType);
            select.setString(i++, sourceType);
            select.setInt(i, offset);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && visitor.visit(new StoredEvent(rs.getDouble(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))) {
                    // next row
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Per plugin id, what it stored in this vault. */
    public Map<String, PluginStats> pluginStats() throws IOException {
        Map<String, PluginStats> stats = new HashMap<>();
        if (!Files.exists(Index.file(vault))) {
            return stats;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT plugin_id, sum(events), max(last_seen), count(*) FROM plugin_devices GROUP BY plugin_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                stats.put(rs.getString(1), new PluginStats(rs.getLong(2), rs.getDouble(3), rs.getInt(4)));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return stats;
    }

    private IOException unreadable(SQLException e) {
        return new IOException("cannot read the index " + Index.file(vault) + ": " + e.getMessage(), e);
    }

    private Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + Index.file(vault), config.toProperties());
    }
}
