package dev.openclone.store;

import dev.openclone.index.IndexWriter;
import dev.openclone.index.LoggedAppend;
import dev.openclone.index.LoggedTask;
import dev.openclone.index.VaultEdits;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the vault in line with the index after a crash or a failed write. Every logged append is a committed
 * promise to add bytes to a file; for each, in commit order:
 * <ul>
 *   <li>the bytes are at their offset: done;</li>
 *   <li>the file ends inside them and what is there is their beginning (a torn write): the rest is written;</li>
 *   <li>the file holds the entries elsewhere (a person edited it meanwhile): done;</li>
 *   <li>otherwise the entries are appended at the file's current end, after {@link AppendPlan#prefix}.</li>
 * </ul>
 * No byte already in a file is changed, so a crash at any instant leaves no torn entry and loses nothing
 * that was acknowledged, and applying the log twice writes nothing twice. Then the cuts a forget logged are made
 * ({@link Cuts}: each only where its bytes still are), and every logged after-commit task is run again (tasks are
 * idempotent); one that fails stays logged for the next try.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /**
     * What recovery did.
     *
     * @param repaired   appends that needed writing
     * @param nextTaskId the id for the next after-commit task
     * @param tasksLeft  true when some tasks failed again and stay in the log
     */
    record Result(int repaired, long nextTaskId, boolean tasksLeft) {
    }

    static Result run(IndexWriter index, VaultFiles vault, Map<String, AfterCommit> handlers)
            throws SQLException, IOException {
        int repaired = 0;
        for (LoggedAppend append : index.loggedAppends()) {
            if (apply(vault, append)) {
                repaired++;
            }
        }
        index.forgetAllAppends();
        index.commit();
        // A forget committed its tombstones but may not have cut every entry out of its file: finish it.
        for (String file : index.edits().loggedCuts().stream().map(VaultEdits.Cut::file).distinct().toList()) {
            int cut = Forget.applyLogged(index, vault, file);
            LOG.warn("Recovery finished a forget: {} entries cut from {}", cut, file);
        }
        if (repaired > 0) {
            LOG.warn("Recovery completed {} vault write(s) that an earlier run had committed but not finished",
                    repaired);
        }
        boolean left = false;
        long lastId = 0;
        List<Long> applied = new ArrayList<>();
        for (LoggedTask task : index.loggedTasks()) {
            lastId = task.id();
            if (!handlers.containsKey(task.kind())) {
                // Kept, not retried: nothing here can run it, and a later version that can will find it.
                LOG.warn("Keeping an after-commit task of unknown kind '{}'", task.kind());
            } else if (runTask(handlers, vault, task.kind(), task.payload())) {
                applied.add(task.id());
            } else {
                left = true;
            }
        }
        index.forgetTasks(applied);
        index.commit();
        return new Result(repaired, lastId + 1, left);
    }

    /** Runs one task with its kind's handler; false when it failed (it stays logged for a retry). */
    static boolean runTask(Map<String, AfterCommit> handlers, VaultFiles vault, String kind, byte[] payload) {
        try {
            handlers.get(kind).apply(vault, payload);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("An after-commit task ({}) failed and is kept for a retry: {}", kind, e.toString());
            return false;
        }
    }

    /** Returns true when something had to be written. */
    static boolean apply(VaultFiles vault, LoggedAppend append) throws IOException {
        String file = append.file();
        long offset = append.offset();
        byte[] bytes = append.bytes();
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
        byte[] entries = Arrays.copyOfRange(bytes, append.prefixLength(), bytes.length);
        if (contains(vault.readAll(file), entries)) {
            return false;
        }
        byte[] prefix = AppendPlan.prefix(tail, header(append));
        byte[] all = new byte[prefix.length + entries.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(entries, 0, all, prefix.length, entries.length);
        vault.write(file, size, all);
        return true;
    }

    /**
     * The header logged with the append. Rows from before it was logged carry none: when the append was planned
     * for a new file its prefix is the header; otherwise a re-created file starts without one.
     */
    private static byte[] header(LoggedAppend append) {
        if (append.header() != null) {
            return append.header();
        }
        return append.offset() == 0 ? Arrays.copyOf(append.bytes(), append.prefixLength()) : new byte[0];
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
