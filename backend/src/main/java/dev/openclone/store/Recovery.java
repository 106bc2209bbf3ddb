package dev.openclone.store;

import dev.openclone.vault.Note;
import dev.openclone.vault.RecallEntry;
import dev.openclone.vault.RecallFile;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the vault in line with the index after a crash or a failed write. Every row of
 * {@code pending_appends} is a committed promise to add bytes to a file; for each, in commit order:
 * <ul>
 *   <li>the bytes are at their offset: done;</li>
 *   <li>the file ends inside them and what is there is their beginning (a torn write): the rest is written;</li>
 *   <li>the file holds the entries elsewhere (a person edited it meanwhile): done;</li>
 *   <li>otherwise the entries are appended at the file's current end, with a header or newline as needed.</li>
 * </ul>
 * No byte already in a file is changed, so a crash at any instant leaves no torn entry and loses nothing
 * that was acknowledged, and applying the log twice writes nothing twice.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /**
     * What recovery did.
     *
     * @param repaired     appends that needed writing
     * @param nextRecallId the id for the next recall update
     * @param recallsLeft  true when some recall updates failed again and stay in the log
     */
    record Result(int repaired, long nextRecallId, boolean recallsLeft) {
    }

    /**
     * Applies and then deletes every pending append, then every pending recall update. A recall update that
     * fails stays logged (the Markdown it belongs to is safe) and is retried next time.
     */
    static Result run(Connection connection, VaultFiles vault) throws SQLException, IOException {
        int repaired = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT id, file, file_offset, prefix_length, bytes FROM pending_appends ORDER BY id")) {
            while (rs.next()) {
                if (apply(vault, rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBytes(5))) {
                    repaired++;
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pending_appends")) {
            delete.executeUpdate();
        }
        connection.commit();
        if (repaired > 0) {
            LOG.warn("Recovery completed {} vault write(s) that an earlier run had committed but not finished",
                    repaired);
        }
        boolean left = false;
        long lastId = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT id, file, advancement_key, lines, turns, max_bytes FROM pending_recalls ORDER BY id");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM pending_recalls WHERE id = ?")) {
            List<Long> applied = new ArrayList<>();
            while (rs.next()) {
                lastId = rs.getLong(1);
                String file = rs.getString(2);
                try {
                    applyRecall(vault, new RecallTurn(file, rs.getString(3), RecallFile.logged(rs.getString(4)),
                            rs.getInt(5), rs.getLong(6)));
                    applied.add(lastId);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not update recall file {} (kept for retry): {}", file, e.toString());
                    left = true;
                }
            }
            for (long id : applied) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        }
        connection.commit();
        return new Result(repaired, lastId + 1, left);
    }

    /** Adds a turn to its recall file, unless the file already has its advancement key. */
    static void applyRecall(VaultFiles vault, RecallTurn turn) throws IOException {
        int malformed = RecallFile.append(vault, turn.file(), turn.advancementKey(), turn.entries(), turn.turns(),
                turn.maxBytes());
        if (malformed > 0) {
            LOG.warn("Ignored {} malformed line(s) of recall file {}", malformed, turn.file());
        }
    }

    /** A turn's recall entries as NDJSON, for the log. */
    static String lines(List<RecallEntry> entries) {
        StringBuilder lines = new StringBuilder();
        for (RecallEntry entry : entries) {
            lines.append(entry.toLine()).append('\n');
        }
        return lines.toString();
    }

    /** Returns true when something had to be written. */
    static boolean apply(VaultFiles vault, String file, long offset, int prefixLength, byte[] bytes)
            throws IOException {
        VaultFiles.Tail tail = vault.tail(file);
        long size = tail.size();
        if (size >= offset + bytes.length && Arrays.equals(vault.read(file, offset, bytes.length), bytes)) {
            return false;
        }
        if (size >= offset && size < offset + bytes.length) {
            int present = (int) (size - offset);
            byte[] head = vault.read(file, offset, present);
            if (Arrays.equals(head, 0, present, bytes, 0, present)) {
                vault.write(file, size, Arrays.copyOfRange(bytes, present, bytes.length));
                return true;
            }
        }
        byte[] entries = Arrays.copyOfRange(bytes, prefixLength, bytes.length);
        if (contains(vault.readAll(file), entries)) {
            return false;
        }
        byte[] prefix = size == 0 ? header(file) : tail.endsWithNewline() ? new byte[0] : new byte[] {'\n'};
        byte[] all = new byte[prefix.length + entries.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(entries, 0, all, prefix.length, entries.length);
        vault.write(file, size, all);
        return true;
    }

    private static byte[] header(String file) {
        return Note.forPath(file).header().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
