package dev.openclone.index;

import java.sql.Connection;
import java.sql.DriverManager;
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
 * The statements that change stored events after they were stored, on the writer's connection: tombstones (a
 * forget, or an entry a person deleted), a person's edits, entries moved in their files, the cuts a forget makes
 * and the stamps of the daily files. Like {@link IndexWriter}, nothing is committed here.
 */
public final class VaultEdits {

    private final Connection connection;

    VaultEdits(Connection connection) {
        this.connection = connection;
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
                PreparedStatement recountDevice = connection.prepareStatement(IndexWriter.RECOUNT_DEVICE)) {
            for (long id : ids) {
                erase.setLong(1, forget);
                erase.setLong(2, id);
                erase.addBatch();
            }
            erase.executeBatch();
            IndexWriter.recount(devices, forgetDevice, recountDevice);
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
            try (Connection own = DriverManager.getConnection(url);
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
}
