package dev.openclone.store;

import dev.openclone.index.IndexWriter;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a group whose files could not all be written back out: its bytes out of the files it reached, its events,
 * logged appends and tasks out of the index, so a failed batch leaves nothing behind and its retry stores it.
 */
final class Undo {

    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    /** How far the group could be taken back. */
    enum Outcome {
        /** Nothing of the group is left in the files or the index. */
        CLEAN,
        /**
         * Some bytes could not be taken back out of a file: the group's rows and redo log are kept, so recovery
         * completes its entries (exactly once) as soon as the vault can be written, instead of leaving a torn entry.
         */
        KEPT_FOR_REDO,
        /** The files are clean but the index could not be cleaned: recovery must run before the next group. */
        INDEX_DIRTY
    }

    private Undo() {
    }

    static Outcome run(IndexWriter index, VaultFiles vault, List<AppendPlan> attempted,
            Collection<AppendPlan> planned, List<GroupCommit.PlannedTask> tasks, List<PreparedEvent> stored) {
        boolean filesClean = true;
        for (AppendPlan append : attempted) {
            try {
                filesClean &= vault.takeBack(append.file, append.offset, append.bytes());
            } catch (IOException | RuntimeException e) {
                filesClean = false;
                LOG.warn("Could not take back a failed write to {}: {}", append.file, e.toString());
            }
        }
        if (!filesClean) {
            return Outcome.KEPT_FOR_REDO;
        }
        try {
            index.remove(stored.stream().map(event -> event.key().bytes()).toList(),
                    planned.stream().map(append -> append.id).toList(),
                    tasks.stream().map(GroupCommit.PlannedTask::id).toList(),
                    GroupCommit.countsByDevice(stored).keySet());
            index.commit();
            return Outcome.CLEAN;
        } catch (SQLException e) {
            try {
                index.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            LOG.warn("Could not take a failed group back out of the index: {}", e.toString());
            return Outcome.INDEX_DIRTY;
        }
    }
}
