package dev.openclone.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every statement the store's writer runs against the index, prepared once on the writing connection. One
 * thread uses it; nothing is committed until {@link #commit}, so a caller groups any of these into one
 * transaction and {@link #rollback}s on failure.
 */
public final class IndexWriter implements AutoCloseable {

    private final Connection connection;
    private final VaultEdits edits;
    private final PreparedStatement insert;
    private final PreparedStatement logAppend;
    private final PreparedStatement forgetAppends;
    private final PreparedStatement countDevice;
    private final PreparedStatement logTask;
    private final PreparedStatement forgetTask;

    IndexWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.edits = new VaultEdits(connection);
        this.insert = connection.prepareStatement("INSERT OR IGNORE INTO events (dedup_key, source_type, platform, "
                + "device_id, plugin_id, plugin_version, raw_ref, captured_at, received_at, data, file, file_offset, "
                + "entry_length, line, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.logAppend = connection.prepareStatement("INSERT INTO pending_appends (id, file, file_offset, "
                + "prefix_length, bytes, header) VALUES (?, ?, ?, ?, ?, ?)");
        this.forgetAppends = connection.prepareStatement("DELETE FROM pending_appends WHERE id <= ?");
        // One commit is one arrival per device; SET reads the row as it was, so arrivals compares the old last_seen.
        this.countDevice = connection.prepareStatement("INSERT INTO plugin_devices (plugin_id, device_id, events, "
                + "last_seen, first_seen, arrivals) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (plugin_id, device_id) DO "
                + "UPDATE SET events = events + excluded.events, arrivals = arrivals + (excluded.last_seen > "
                + "last_seen), last_seen = max(last_seen, excluded.last_seen), first_seen = min(coalesce(first_seen, "
                + "excluded.first_seen), excluded.first_seen)");
        this.logTask = connection.prepareStatement("INSERT INTO after_commit (id, kind, payload) VALUES (?, ?, ?)");
        this.forgetTask = connection.prepareStatement("DELETE FROM after_commit WHERE id = ?");
    }

    /**
     * Inserts an event unless its dedup key is known: the unique key decides.
     *
     * @param line      the 1-based line of the entry's heading in {@code file}
     * @param entryHash SHA-256 of the entry's bytes, to find it again when edits moved it
     * @return false for a duplicate (nothing inserted)
     */
    public boolean insert(byte[] dedupKey, EventRow row, double receivedAt, String file, long offset, int length,
            long line, byte[] entryHash) throws SQLException {
        insert.setBytes(1, dedupKey);
        insert.setString(2, row.sourceType());
        insert.setString(3, row.platform());
        insert.setString(4, row.deviceId());
        insert.setString(5, row.pluginId());
        insert.setString(6, row.pluginVersion());
        insert.setString(7, row.rawRef());
        insert.setDouble(8, row.capturedAt());
        insert.setDouble(9, receivedAt);
        insert.setString(10, row.data());
        insert.setString(11, file);
        insert.setLong(12, offset);
        insert.setInt(13, length);
        insert.setLong(14, line);
        insert.setBytes(15, entryHash);
        return insert.executeUpdate() > 0;
    }

    /** Inserts the tombstone of a forgotten event (a rebuild keeps them): its dedup key and kinds only. */
    public void insertTombstone(byte[] dedupKey, EventRow header) throws SQLException {
        try (PreparedStatement tombstone = connection.prepareStatement("INSERT OR IGNORE INTO events (dedup_key, "
                + "source_type, platform, device_id, plugin_id, plugin_version, captured_at, received_at, data, file, "
                + "file_offset, entry_length, forgotten) VALUES (?, ?, ?, ?, ?, ?, 0, 0, '', '', 0, 0, 1)")) {
            tombstone.setBytes(1, dedupKey);
            tombstone.setString(2, header.sourceType());
            tombstone.setString(3, header.platform());
            tombstone.setString(4, header.deviceId());
            tombstone.setString(5, header.pluginId());
            tombstone.setString(6, header.pluginVersion());
            tombstone.executeUpdate();
        }
    }

    /** Adds stored events to the per plugin and device counts: {@code [plugin_id, device_id]} → events. */
    public void countDevices(Map<List<String>, Integer> counts, double receivedAt) throws SQLException {
        for (Map.Entry<List<String>, Integer> count : counts.entrySet()) {
            countDevice.setString(1, count.getKey().get(0));
            countDevice.setString(2, count.getKey().get(1));
            countDevice.setInt(3, count.getValue());
            countDevice.setDouble(4, receivedAt);
            countDevice.setDouble(5, receivedAt);
            countDevice.addBatch();
        }
        countDevice.executeBatch();
    }

    public void logAppend(LoggedAppend append) throws SQLException {
        logAppend.setLong(1, append.id());
        logAppend.setString(2, append.file());
        logAppend.setLong(3, append.offset());
        logAppend.setInt(4, append.prefixLength());
        logAppend.setBytes(5, append.bytes());
        logAppend.setBytes(6, append.header());
        logAppend.executeUpdate();
    }

    /** Deletes the logged appends up to {@code id}: they are in their files. */
    public void forgetAppendsUpTo(long id) throws SQLException {
        forgetAppends.setLong(1, id);
        forgetAppends.executeUpdate();
    }

    public void logTask(LoggedTask task) throws SQLException {
        logTask.setLong(1, task.id());
        logTask.setString(2, task.kind());
        logTask.setBytes(3, task.payload());
        logTask.executeUpdate();
    }

    public void forgetTasks(Collection<Long> ids) throws SQLException {
        for (long id : ids) {
            forgetTask.setLong(1, id);
            forgetTask.executeUpdate();
        }
    }

    /** The appends logged and not yet deleted, in commit order. */
    public List<LoggedAppend> loggedAppends() throws SQLException {
        List<LoggedAppend> appends = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT id, file, file_offset, prefix_length, bytes, header FROM pending_appends ORDER BY id")) {
            while (rs.next()) {
                appends.add(new LoggedAppend(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                        rs.getBytes(5), rs.getBytes(6)));
            }
        }
        return appends;
    }

    public void forgetAllAppends() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM pending_appends");
        }
    }

    /** The after-commit tasks logged and not yet deleted, in commit order. */
    public List<LoggedTask> loggedTasks() throws SQLException {
        List<LoggedTask> tasks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, kind, payload FROM after_commit ORDER BY id")) {
            while (rs.next()) {
                tasks.add(new LoggedTask(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
            }
        }
        return tasks;
    }

    /**
     * Takes a failed group's rows back out: its events, its logged appends and tasks, and its share of the
     * plugin-device counts (recounted from the events that remain).
     *
     * @param devices {@code [plugin_id, device_id]} pairs whose counts the group changed
     */
    public void remove(Collection<byte[]> dedupKeys, Collection<Long> appendIds, Collection<Long> taskIds,
            Collection<List<String>> devices) throws SQLException {
        try (PreparedStatement deleteEvent = connection.prepareStatement("DELETE FROM events WHERE dedup_key = ?");
                PreparedStatement deleteAppend = connection.prepareStatement(
                        "DELETE FROM pending_appends WHERE id = ?");
                PreparedStatement forgetDevice = connection.prepareStatement(
                        "DELETE FROM plugin_devices WHERE plugin_id = ? AND device_id = ?");
                PreparedStatement recountDevice = connection.prepareStatement(RECOUNT_DEVICE)) {
            for (byte[] key : dedupKeys) {
                deleteEvent.setBytes(1, key);
                deleteEvent.addBatch();
            }
            deleteEvent.executeBatch();
            for (long id : appendIds) {
                deleteAppend.setLong(1, id);
                deleteAppend.addBatch();
            }
            deleteAppend.executeBatch();
            forgetTasks(taskIds);
            recount(devices, forgetDevice, recountDevice);
        }
    }

    /** A device's row in plugin_devices, counted again from its live events (after some were removed). */
    static final String RECOUNT_DEVICE = "INSERT INTO plugin_devices (plugin_id, device_id, events, last_seen, "
            + "first_seen, arrivals) SELECT plugin_id, device_id, count(*), max(received_at), min(received_at), "
            + "count(DISTINCT received_at) FROM events WHERE plugin_id = ? AND device_id = ? AND forgotten IS NULL "
            + "GROUP BY plugin_id, device_id";

    static void recount(Collection<List<String>> devices, PreparedStatement forgetDevice,
            PreparedStatement recountDevice) throws SQLException {
        for (List<String> device : devices) {
            forgetDevice.setString(1, device.get(0));
            forgetDevice.setString(2, device.get(1));
            forgetDevice.executeUpdate();
            recountDevice.setString(1, device.get(0));
            recountDevice.setString(2, device.get(1));
            recountDevice.executeUpdate();
        }
    }

    /** The statements that change events already stored (forget, a person's edits), on this connection. */
    public VaultEdits edits() {
        return edits;
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(insert, logAppend, forgetAppends, countDevice, logTask,
                forgetTask)) {
            statement.close();
        }
    }
}
