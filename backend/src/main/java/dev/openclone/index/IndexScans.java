package dev.openclone.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of a whole index, for what is derived from it or copies it: the search index following new and changed
 * events, a rebuild taking over what an old index can still tell, a backup's consistent copy. On a read-only
 * connection of their own, like {@link IndexReader}'s.
 */
public final class IndexScans {

    private final Path vault;

    public IndexScans(Path vault) {
        this.vault = vault;
    }

    /**
     * The events stored after {@code afterId}, in the order they were stored, at most {@code max}: what a derived
     * index (search) has not seen yet.
     */
    public List<IndexReader.Row> eventsAfter(long afterId, int max) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return List.of();
        }
        List<IndexReader.Row> rows = new ArrayList<>();
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, captured_at, source_type, plugin_id, device_id, file, file_offset, coalesce(line, 0), "
                        + "data FROM events WHERE id > ? AND forgotten IS NULL ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new IndexReader.Row(rs.getLong(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return rows;
    }

    /**
     * The events changed (forgotten, or edited in the vault) by changes after {@code afterChange}, and the last such
     * change: what a derived index (search) still has to redo.
     *
     * @param forgotten the changed events that are tombstones now
     * @param edited    the changed events that are live, with their new data
     */
    public record Changes(List<Long> forgotten, List<IndexReader.Row> edited, long lastChange) {
    }

    public Changes changedAfter(long afterChange) throws IOException {
        List<Long> forgotten = new ArrayList<>();
        List<IndexReader.Row> edited = new ArrayList<>();
        long last = afterChange;
        if (!Files.exists(Index.file(vault))) {
            return new Changes(forgotten, edited, last);
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT id, captured_at, source_type, plugin_id, device_id, file, file_offset, coalesce(line, 0), "
                        + "data, forgotten, changed FROM events WHERE changed > ? ORDER BY changed")) {
            select.setLong(1, afterChange);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(10) != null) {
                        forgotten.add(rs.getLong(1));
                    } else {
                        edited.add(new IndexReader.Row(rs.getLong(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9)));
                    }
                    last = Math.max(last, rs.getLong(11));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return new Changes(forgotten, edited, last);
    }

    /**
     * Everything a rebuild can take over from this index, event by event in stored order, as far as it can be
     * read: a broken index hands over what it can before the error.
     *
     * @param entryHash the hash of its entry's bytes (null: before hashes were kept, or a tombstone)
     * @param forgotten a tombstone
     */
    public record Salvaged(byte[] dedupKey, EventRow row, double receivedAt, byte[] entryHash, boolean forgotten) {
    }

    /** Takes salvaged events one at a time. */
    @FunctionalInterface
    public interface SalvageVisitor {
        void visit(Salvaged event) throws IOException;
    }

    public void salvage(SalvageVisitor visitor) throws IOException {
        if (!Files.exists(Index.file(vault))) {
            return;
        }
        try (Connection index = open(); PreparedStatement select = index.prepareStatement(
                "SELECT dedup_key, source_type, platform, device_id, plugin_id, plugin_version, raw_ref, captured_at, "
                        + "data, received_at, entry_hash, forgotten FROM events ORDER BY id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                visitor.visit(new Salvaged(rs.getBytes(1), new EventRow(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getDouble(8),
                        rs.getString(9)), rs.getDouble(10), rs.getBytes(11), rs.getObject(12) != null));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /**
     * Writes a consistent copy of the index to {@code target} (which must not exist), while the server may be
     * writing: SQLite's {@code VACUUM INTO} reads one snapshot of the committed state.
     */
    public void snapshot(Path target) throws IOException {
        try (Connection index = open(); PreparedStatement vacuum = index.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new IOException("cannot copy the index " + Index.file(vault) + ": " + e.getMessage(), e);
        }
    }

    private IOException unreadable(SQLException e) {
        return IndexReader.unreadable(vault, e);
    }

    private Connection open() throws SQLException {
        return IndexReader.open(vault);
    }
}
