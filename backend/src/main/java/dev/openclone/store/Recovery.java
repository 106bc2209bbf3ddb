package dev.openclone.store;

import dev.openclone.vault.DailyNote;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
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

    /** Applies and then deletes every pending append. Returns how many needed writing. */
    static int run(Connection connection, VaultFiles vault) throws SQLException, IOException {
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
        return repaired;
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
        int slash = file.lastIndexOf('/');
        String day = file.substring(slash + 1, file.length() - ".md".length());
        return new DailyNote(file.substring(0, slash), LocalDate.parse(day)).header()
                .getBytes(StandardCharsets.UTF_8);
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
