package dev.openclone.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement the store's writer runs against the index, prepared once on the writing connection. One
 * thread uses it; nothing is committed until {@link #commit}, so a caller groups any of these into one
 * transaction and {@link #rollback}s on failure.
 */
public final class IndexWriter implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement logAppend;
    private final PreparedStatement forgetAppends;
    private final PreparedStatement countDevice;
    private final PreparedStatement logTask;
    private final PreparedStatement forgetTask;

    IndexWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement("INSERT OR IGNORE INTO events (dedup_key, source_type, platform, "
                + "device_id, plugin_id, plugin_version, raw_ref, captured_at, received_at, data, file, file_offset, "
                + "entry_length, line, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.logAppend = connection.prepareStatement("INSERT INTO pending_appends (id, file, file_offset, "
                + "prefix_length, bytes, header) VALUES (?, ?, ?, ?, ?, ?)");
        this.forgetAppends = connection.prepareStatement("DELETE FROM pending_appends WHERE id <= ?");
        this.countDevice = connection.prepareStatement("INSERT INTO plugin_devices (plugin_id, device_id, events, "
                + "last_seen) VALUES (?, ?, ?, ?) ON CONFLICT (plugin_id, device_id) DO UPDATE SET "
                + "events = events + excluded.events, last_seen = max(last_seen, excluded.last_seen)");
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
                PreparedStatement recountDevice = connection.prepareStatement("INSERT INTO plugin_devices "
                        + "(plugin_id, device_id, events, last_seen) SELECT plugin_id, device_id, count(*), "
                        + "max(received_at) FROM events WHERE plugin_id = ? AND device_id = ? AND forgotten IS NULL "
                        + "GROUP BY plugin_id, device_id")) {
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

    private static void recount(Collection<List<String>> devices, PreparedStatement forgetDevice,
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

    /** A live event as a forget needs it: where its entry is, and who sent it. */
    public record Placed(long id, String file, long offset, int length, long line, byte[] entryHash, String pluginId,
            String deviceId) {
    }

    /** The live events among {@code ids}. */
    public List<Placed> live(Collection<Long> ids) throws SQLException {
        List<Placed> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, file, file_offset, entry_length, "
                + "coalesce(line, 0), entry_hash, plugin_id, device_id FROM events WHERE id = ? AND forgotten IS NULL")) {
            for (long id : ids) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        found.add(placed(rs));
                    }
                }
            }
        }
        return found;
    }

    /** The live events whose entries are in {@code file}, in file order. */
    public List<Placed> liveInFile(String file) throws SQLException {
        List<Placed> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, file, file_offset, entry_length, "
                + "coalesce(line, 0), entry_hash, plugin_id, device_id FROM events WHERE file = ? AND forgotten IS NULL "
                + "ORDER BY file_offset")) {
            select.setString(1, file);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(placed(rs));
                }
            }
        }
        return found;
    }

    private static Placed placed(ResultSet rs) throws SQLException {
        return new Placed(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getBytes(6),
                rs.getString(7), rs.getString(8));
    }

    /**
     * Makes {@code ids} tombstones of a new forget: their dedup key and kinds stay (a replay is a duplicate), their
     * data, raw_ref, time and place go. Recounts the plugin-device stats they were in.
     *
     * @return the forget's id
     */
    public long tombstone(Collection<Long> ids, double at, Collection<List<String>> devices) throws SQLException {
        return tombstone(ids, "forget", at, devices);
    }

    /** {@link #tombstone}, logged as a change of {@code kind} ("forget", or "vault": the entries were deleted). */
    public long tombstone(Collection<Long> ids, String kind, double at, Collection<List<String>> devices)
            throws SQLException {
        long forget = change(kind, at, ids.size());
        try (PreparedStatement erase = connection.prepareStatement("UPDATE events SET data = '', raw_ref = NULL, "
                + "captured_at = 0, received_at = 0, file = '', file_offset = 0, entry_length = 0, line = NULL, "
                + "entry_hash = NULL, forgotten = 1, changed = ? WHERE id = ?");
                PreparedStatement forgetDevice = connection.prepareStatement(
                        "DELETE FROM plugin_devices WHERE plugin_id = ? AND device_id = ?");
                PreparedStatement recountDevice = connection.prepareStatement("INSERT INTO plugin_devices "
                        + "(plugin_id, device_id, events, last_seen) SELECT plugin_id, device_id, count(*), "
                        + "max(received_at) FROM events WHERE plugin_id = ? AND device_id = ? AND forgotten IS NULL "
                        + "GROUP BY plugin_id, device_id")) {
            for (long id : ids) {
                erase.setLong(1, forget);
                erase.setLong(2, id);
                erase.addBatch();
            }
            erase.executeBatch();
            recount(devices, forgetDevice, recountDevice);
        }
        return forget;
    }

    /** Logs a change of {@code events} events; returns its id. */
    public long change(String kind, double at, int events) throws SQLException {
        try (PreparedStatement insertChange = connection.prepareStatement("INSERT INTO changes (kind, at, events) "
                + "VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insertChange.setString(1, kind);
            insertChange.setDouble(2, at);
            insertChange.setInt(3, events);
            insertChange.executeUpdate();
            try (ResultSet keys = insertChange.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Records where an entry now is (a cut before it moved it). */
    public void move(long id, long offset, long line) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE events SET file_offset = ?, line = ? "
                + "WHERE id = ?")) {
            update.setLong(1, offset);
            update.setLong(2, line);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /** Records where an entry is, with the hash of its bytes there (an entry stored before hashes gets one). */
    public void place(long id, long offset, int length, long line, byte[] entryHash) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE events SET file_offset = ?, "
                + "entry_length = ?, line = ?, entry_hash = ? WHERE id = ?")) {
            update.setLong(1, offset);
            update.setInt(2, length);
            update.setLong(3, line);
            update.setBytes(4, entryHash);
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    /** The stored data of a live event. */
    public String data(long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT data FROM events WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Takes in a person's edit of an entry: its new data, where it is now, and the change that made it. */
    public void edit(long id, String data, long offset, int length, long line, byte[] entryHash, long change)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE events SET data = ?, file_offset = ?, "
                + "entry_length = ?, line = ?, entry_hash = ?, changed = ? WHERE id = ?")) {
            update.setString(1, data);
            update.setLong(2, offset);
            update.setInt(3, length);
            update.setLong(4, line);
            update.setBytes(5, entryHash);
            update.setLong(6, change);
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    /** Every daily file the index knows: those it saw last (with their stamps), and those its live events are in. */
    public Map<String, long[]> knownFiles() throws SQLException {
        Map<String, long[]> files = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT DISTINCT file FROM events WHERE file != ''")) {
                while (rs.next()) {
                    files.put(rs.getString(1), null);
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT file, size, modified_ns FROM files_seen")) {
                while (rs.next()) {
                    files.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return files;
    }

    /** Records how each file was last seen ({@code null}: gone); committed with the caller's transaction. */
    public void seen(Map<String, long[]> stamps) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO files_seen (file, size, "
                + "modified_ns) VALUES (?, ?, ?) ON CONFLICT (file) DO UPDATE SET size = excluded.size, "
                + "modified_ns = excluded.modified_ns");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM files_seen WHERE file = ?")) {
            for (Map.Entry<String, long[]> stamp : stamps.entrySet()) {
                if (stamp.getValue() == null) {
                    delete.setString(1, stamp.getKey());
                    delete.executeUpdate();
                } else {
                    upsert.setString(1, stamp.getKey());
                    upsert.setLong(2, stamp.getValue()[0]);
                    upsert.setLong(3, stamp.getValue()[1]);
                    upsert.executeUpdate();
                }
            }
        }
    }

    /** A cut to make in a file: {@code length} bytes at {@code offset}, whose SHA-256 is {@code sha256}. */
    public record Cut(long id, String file, long offset, int length, byte[] sha256) {
    }

    public void logCut(String file, long offset, int length, byte[] sha256) throws SQLException {
        try (PreparedStatement insertCut = connection.prepareStatement("INSERT INTO pending_cuts (file, file_offset, "
                + "length, sha256) VALUES (?, ?, ?, ?)")) {
            insertCut.setString(1, file);
            insertCut.setLong(2, offset);
            insertCut.setInt(3, length);
            insertCut.setBytes(4, sha256);
            insertCut.executeUpdate();
        }
    }

    /** The cuts logged and not yet deleted. */
    public List<Cut> loggedCuts() throws SQLException {
        List<Cut> cuts = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT id, file, file_offset, length, sha256 FROM pending_cuts ORDER BY id")) {
            while (rs.next()) {
                cuts.add(new Cut(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBytes(5)));
            }
        }
        return cuts;
    }

    public void forgetCuts(String file) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pending_cuts WHERE file = ?")) {
            delete.setString(1, file);
            delete.executeUpdate();
        }
    }

    /**
     * Folds the WAL into the database and empties it, so no earlier copy of a forgotten event's pages stays in it.
     * Waits for readers a few times; returns false when they kept it from finishing (the next checkpoint will).
     */
    public boolean purgeWal() throws SQLException {
        // On a connection of its own: the writer's is always inside a transaction, where no checkpoint runs.
        String url = connection.getMetaData().getURL();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (Connection own = java.sql.DriverManager.getConnection(url);
                    Statement statement = own.createStatement();
                    ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) == 0) {
                    return true;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
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
