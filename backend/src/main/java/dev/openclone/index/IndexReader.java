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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public record StoredEvent(long id, double capturedAt, String sourceType, String pluginId, String deviceId,
            String file, String data) {
    }

    /** A stored event with its sequence number (the row id, growing with every insert) and its place in the vault. */
    /** @param line the line of the entry's heading, 0 when it was not recorded (entries stored before V7) */
    public record Row(long id, double capturedAt, String sourceType, String pluginId, String deviceId, String file,
            long fileOffset, long line, String data) {
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
     * {@code offset}-th on, a few rows at a time (a day may hold gigabytes: only ids are collected), until it
     * returns false.
     */
    public void eachEventInFiles(List<String> files, String sourceType, int offset, RowVisitor visitor)
            throws IOException {
        eachInOrder(files, null, null, sourceType, false, offset, Integer.MAX_VALUE, visitor);
    }

    /**
     * Hands the events of {@code files} captured in {@code [fromMillis, toMillis)} to {@code visitor}, oldest
     * first, from the {@code offset}-th on, until it returns false. The index finds events by file (it keeps no
     * index on time alone, which would cost every insert): pass the daily files that can hold the range.
     *
     * @param sourceType only events of this type, or null for all
     */
    public void eachEventBetween(List<String> files, long fromMillis, long toMillis, String sourceType, int offset,
            RowVisitor visitor) throws IOException {
        eachInOrder(files, fromMillis, toMillis, sourceType, false, offset, Integer.MAX_VALUE, visitor);
    }

    /** The {@code limit} events of {@code files} captured last, newest first. */
    public List<StoredEvent> latestInFiles(List<String> files, int limit) throws IOException {
        List<StoredEvent> events = new ArrayList<>();
        eachInOrder(files, null, null, null, true, 0, limit, events::add);
        return events;
    }

    /** Rows fetched by id at once, once their order is known. */
    private static final int CHUNK = 256;

    /**
     * The events of {@code files} (in {@code [fromMillis, toMillis)} when given) in capture order, in two steps:
     * their ids in order, from events_by_file (file, source_type, captured_at) alone, then their rows by id, a
     * chunk at a time. Sorting the rows themselves would read every row of the files first: a day of events stored
     * over weeks is spread across the whole table.
     */
    private void eachInOrder(List<String> files, Long fromMillis, Long toMillis, String sourceType, boolean newest,
            int offset, int limit, RowVisitor visitor) throws IOException {
        if (files.isEmpty() || limit <= 0 || !Files.exists(Index.file(vault))) {
            return;
        }
        String direction = newest ? " DESC" : "";
        try (Connection index = open()) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = index.prepareStatement("SELECT id FROM events WHERE file IN ("
                    + marks(files) + ") AND captured_at >= ? AND captured_at < ? AND (? IS NULL OR source_type = ?) "
                    + "ORDER BY captured_at" + direction + ", id" + direction + " LIMIT ? OFFSET ?")) {
                int i = bind(select, files);
                select.setDouble(i++, fromMillis == null ? -Double.MAX_VALUE : fromMillis / 1000d);
                select.setDouble(i++, toMillis == null ? Double.MAX_VALUE : toMillis / 1000d);
                select.setString(i++, sourceType);
                select.setString(i++, sourceType);
                select.setLong(i++, limit == Integer.MAX_VALUE ? -1 : limit);
                select.setInt(i, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                Map<Long, StoredEvent> rows = new HashMap<>();
                try (PreparedStatement select = index.prepareStatement("SELECT id, captured_at, source_type, "
                        + "plugin_id, device_id, file, data FROM events WHERE id IN (" + marks(chunk) + ")")) {
                    int i = 1;
                    for (long id : chunk) {
                        select.setLong(i++, id);
                    }
                    visit(select, row -> rows.put(row.id(), row) == null);
                }
                for (long id : chunk) {
                    StoredEvent row = rows.get(id);
                    // A row forgotten between the two steps has left its file: it is no longer one of these.
                    if (row != null && files.contains(row.file()) && !visitor.visit(row)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    static String marks(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /** Binds {@code files} from parameter 1 on; returns the next parameter's index. */
    static int bind(PreparedStatement select, List<String> files) throws SQLException {
        int i = 1;
        for (String file : files) {
            select.setString(i++, file);
        }
        return i;
    }

    private static void visit(PreparedStatement select, RowVisitor visitor) throws SQLException, IOException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next() && visitor.visit(new StoredEvent(rs.getLong(1), rs.getDouble(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))) {
                // next row
            }
        }
    }

    /** The event stored as row {@code id}, if there is one. */
    public Optional<Row> event(long id) throws IOException {
        return one("id = ?", select -> select.setLong(1, id));
    }

    /** The event whose entry's heading is line {@code line} of {@code file}, if the index recorded one there. */
    public Optional<Row> eventAt(String file, long line) throws IOException {
        return one("file = ? AND line = ?", select -> {
            select.setString(1, file);
            select.setLong(2, line);
        });
    }

    /**
     * The heading line of the next entry the index knows in {@code file} after line {@code line}, or 0 when none:
     * where the entry at {@code line} ends.
     */
    public long nextEntryLine(String file, long line) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return 0;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT min(line) FROM events WHERE file = ? AND line > ?")) {
            select.setString(1, file);
            select.setLong(2, line);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /**
     * Hands every live event captured in {@code [fromMillis, toMillis)} (null: unbounded) to {@code visitor}, in
     * the order they were stored, until it returns false: what a forget by time, source or sender looks through.
     *
     * @param sourceTypes only these types; empty for all
     * @param pluginId    only from this plugin, or null
     * @param deviceId    only from this device, or null
     */
    public void eachLiveEvent(Long fromMillis, Long toMillis, List<String> sourceTypes, String pluginId,
            String deviceId, RowVisitor visitor) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return;
        }
        String types = sourceTypes.isEmpty() ? "" : " AND source_type IN ("
                + String.join(", ", Collections.nCopies(sourceTypes.size(), "?")) + ")";
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, captured_at, source_type, plugin_id, device_id, file, data FROM events WHERE forgotten "
                        + "IS NULL AND captured_at >= ? AND captured_at < ? AND (? IS NULL OR plugin_id = ?) AND "
                        + "(? IS NULL OR device_id = ?)" + types + " ORDER BY id")) {
            select.setDouble(1, fromMillis == null ? -Double.MAX_VALUE : fromMillis / 1000d);
            select.setDouble(2, toMillis == null ? Double.MAX_VALUE : toMillis / 1000d);
            select.setString(3, pluginId);
            select.setString(4, pluginId);
            select.setString(5, deviceId);
            select.setString(6, deviceId);
            int i = 7;
            for (String type : sourceTypes) {
                select.setString(i++, type);
            }
            visit(select, visitor);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The ids of the live events with these dedup keys (a key unknown or forgotten has none). */
    public List<Long> liveIds(Collection<byte[]> dedupKeys) throws IOException {
        List<Long> ids = new ArrayList<>();
        if (dedupKeys.isEmpty() || !Files.exists(Index.file(vault))) {
            return ids;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id FROM events WHERE dedup_key = ? AND forgotten IS NULL")) {
            for (byte[] key : dedupKeys) {
                select.setBytes(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return ids;
    }

    /** The raw_ref of each live event among {@code ids} that has one. */
    public Map<Long, String> rawRefs(List<Long> ids) throws IOException {
        Map<Long, String> refs = new HashMap<>();
        if (ids.isEmpty() || !Files.exists(Index.file(vault))) {
            return refs;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT raw_ref FROM events WHERE id = ? AND forgotten IS NULL AND raw_ref IS NOT NULL")) {
            for (long id : ids) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        refs.put(id, rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return refs;
    }

    /** Where a live event's entry is now: its file, offset and heading line (0 when not recorded). */
    public record Place(String file, long offset, long line) {
    }

    /** The places of the live events among {@code ids}; a forgotten one is absent. */
    public Map<Long, Place> places(List<Long> ids) throws IOException {
        Map<Long, Place> places = new HashMap<>();
        if (ids.isEmpty() || !Files.exists(Index.file(vault))) {
            return places;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, file, file_offset, coalesce(line, 0) FROM events WHERE id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") AND forgotten IS NULL")) {
            int i = 1;
            for (long id : ids) {
                select.setLong(i++, id);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    places.put(rs.getLong(1), new Place(rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return places;
    }

    private interface Binder {
        void bind(PreparedStatement select) throws SQLException;
    }

    private Optional<Row> one(String where, Binder binder) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return Optional.empty();
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, captured_at, source_type, plugin_id, device_id, file, file_offset, coalesce(line, 0), "
                        + "data FROM events WHERE " + where + " AND forgotten IS NULL ORDER BY id LIMIT 1")) {
            binder.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getDouble(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8),
                        rs.getString(9))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private IOException unreadable(SQLException e) {
        return unreadable(vault, e);
    }

    static IOException unreadable(Path vault, SQLException e) {
        return new IOException("cannot read the index " + Index.file(vault) + ": " + e.getMessage(), e);
    }

    private Connection open() throws SQLException {
        return open(vault);
    }

    /** A read-only connection to the index of {@code vault}, patient with the writer. */
    static Connection open(Path vault) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + Index.file(vault), config.toProperties());
    }
}
