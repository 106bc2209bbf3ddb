package dev.openclone.store;

import dev.openclone.event.DedupKey;
import dev.openclone.event.Sha256;
import dev.openclone.index.Index;
import dev.openclone.index.IndexScans;
import dev.openclone.index.IndexWriter;
import dev.openclone.index.LoggedTask;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one group of batches, on the writer thread (see {@link EventStore} for the order of the steps), and
 * keeps what the next group must know: which logged appends and tasks are done, and whether a failure left
 * something for {@link Recovery} to finish first.
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Path vaultRoot;
    /**
     * The index connection and the writer's statements on it. After a failed transaction both are opened anew:
     * SQLite may have rolled the transaction back by itself (a full disk does), leaving the driver with
     * statements it no longer executes and no transaction to commit, so nothing could be stored until a restart.
     * Null while it cannot be reopened; the next group tries again.
     */
    private Index indexFile;
    private IndexWriter index;
    private final VaultFiles vault;
    private final Clock clock;
    private final Map<String, AfterCommit> handlers;
    private final LineCounts lines;
    private final FileStamps stamps;
    /** Set when a failure may have left committed appends or tasks unapplied; the next group repairs first. */
    private boolean needsRecovery;
    /** Appends of the last successful group: applied, deleted from the log by the next transaction. */
    private long appliedUpTo;
    /** The id of the next planned append; the log is empty after recovery, so numbering restarts at 1. */
    private long nextAppendId = 1;
    /** The id of the next task; recovery may leave failed ones, so it continues after them. */
    private long nextTaskId;
    /** Tasks run since the last transaction, deleted from their log by the next one. */
    private final List<Long> appliedTasks = new ArrayList<>();

    /** A task of a group, with its id in the log. */
    record PlannedTask(long id, AfterCommit.Task task) {
    }

    private GroupCommit(Path vaultRoot, VaultFiles vault, Clock clock, Map<String, AfterCommit> handlers) {
        this.vaultRoot = vaultRoot;
        this.vault = vault;
        this.clock = clock;
        this.handlers = Map.copyOf(handlers);
        this.lines = new LineCounts(vault);
        this.stamps = new FileStamps(vault);
    }

    /**
     * Opens the vault's index, prepares the writer's statements and finishes what the last run left in the logs
     * (see {@link Recovery}).
     *
     * @throws IOException with a message naming what failed: opening the index, or finishing the last run
     */
    static GroupCommit open(Path vaultRoot, Clock clock, Map<String, AfterCommit> handlers) throws IOException {
        GroupCommit commits = new GroupCommit(vaultRoot, new VaultFiles(vaultRoot), clock, handlers);
        try {
            commits.openIndex();
        } catch (SQLException | IOException e) {
            throw new IOException("cannot open its index in " + vaultRoot.resolve(".openclone") + ": "
                    + e.getMessage(), e);
        }
        try {
            commits.recover();
        } catch (SQLException | IOException | RuntimeException e) {
            commits.closeIndex();
            throw new IOException("cannot finish the writes of the last run: " + e.getMessage(), e);
        }
        return commits;
    }

    private void openIndex() throws SQLException, IOException {
        Index opened = Index.open(vaultRoot);
        try {
            index = opened.writer();
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        indexFile = opened;
    }

    boolean needsRecovery() {
        return needsRecovery;
    }

    void markNeedsRecovery() {
        needsRecovery = true;
    }

    /** Completes what a failure left behind, before the next group. */
    void recover() throws SQLException, IOException {
        lines.clear();
        if (indexFile == null) {
            openIndex();
        }
        Recovery.Result recovered;
        try {
            recovered = Recovery.run(index, vault, handlers);
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        appliedUpTo = 0;
        nextAppendId = 1;
        nextTaskId = recovered.nextTaskId();
        appliedTasks.clear();
        needsRecovery = recovered.tasksLeft();
    }

    /**
     * Forgets {@code ids} ({@link Forget}). A failure before the commit point changes nothing; one after it leaves
     * the cuts logged, and the next job (or start) finishes them first.
     */
    Forgotten forget(Collection<Long> ids) throws SQLException, IOException {
        if (indexFile == null) {
            openIndex();
        }
        try {
            Forgotten forgotten = Forget.run(index, vault, ids, clock.millis() / 1000d);
            lines.clear();
            for (String file : forgotten.files()) {
                stamps.note(file);
            }
            return forgotten;
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly();
            lines.clear();
            needsRecovery = true;
            throw e;
        }
    }

    /**
     * Takes in what people changed in the vault's daily files since the index last looked ({@link Reconcile}): a
     * file whose size or modification time is not what the server left is reconciled. The first time, every file
     * the index knows is.
     */
    ReconcileTotals reconcileChanged() throws SQLException, IOException {
        if (indexFile == null) {
            openIndex();
        }
        stamps.load(index);
        ReconcileTotals totals = new ReconcileTotals();
        for (String file : stamps.files()) {
            if (stamps.changed(file)) {
                totals.add(reconcile(file));
            }
        }
        if (stamps.unsaved()) {
            stamps.save(index);
            index.commit();
        }
        if (totals.deleted + totals.edited > 0) {
            // The replaced and erased rows' bytes are zeroed in the database (secure_delete); the WAL may still
            // hold earlier copies of their pages.
            index.edits().purgeWal();
        }
        return totals;
    }

    private Reconcile.Outcome reconcile(String file) throws SQLException, IOException {
        try {
            Reconcile.Outcome outcome = Reconcile.file(index, vault, file, clock.millis() / 1000d);
            stamps.note(file);
            return outcome;
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            lines.clear();
        }
    }

    void onVault(EventStore.VaultWork work) throws IOException {
        work.run(vault);
    }

    /** See {@link EventStore#snapshot}. */
    Map<String, Long> snapshot(Path indexCopy) throws IOException {
        new IndexScans(vault.root()).snapshot(indexCopy);
        return vault.visible();
    }

    /** Reconciles the files {@code batches} append to that changed since the server last left them. */
    private void reconcileBefore(List<List<PreparedEvent>> batches) throws SQLException, IOException {
        Set<String> files = new TreeSet<>();
        for (List<PreparedEvent> batch : batches) {
            for (PreparedEvent event : batch) {
                event.entries().forEach(entry -> files.add(entry.note().path()));
            }
        }
        for (String file : files) {
            if (stamps.changed(file)) {
                reconcile(file);
            }
        }
    }

    /** What the reconciles of one look changed, for the log. */
    static final class ReconcileTotals {
        int files;
        int edited;
        int deleted;

        void add(Reconcile.Outcome outcome) {
            if (outcome.edited() + outcome.deleted() > 0) {
                files++;
                edited += outcome.edited();
                deleted += outcome.deleted();
            }
        }
    }

    /** Commits a group: index first (the commit point), then the vault files, then the tasks. */
    List<StoreResult> commit(List<List<PreparedEvent>> batches) throws StorageException {
        Map<String, AppendPlan> appends = new LinkedHashMap<>();
        List<PreparedEvent> stored = new ArrayList<>();
        List<PlannedTask> tasks = new ArrayList<>();
        List<StoreResult> results = new ArrayList<>();
        try {
            // A file a person changed since the server last wrote it is taken in first: the entries the index
            // knows must be where it says before this group's are added after them.
            reconcileBefore(batches);
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly();
            throw new StorageException("index write failed: " + e.getMessage(), e);
        }
        try {
            Set<DedupKey> seen = new HashSet<>();
            double receivedAt = clock.millis() / 1000d;
            for (List<PreparedEvent> batch : batches) {
                results.add(plan(batch, seen, receivedAt, appends, stored, tasks));
            }
            index.countDevices(countsByDevice(stored), receivedAt);
            index.forgetAppendsUpTo(appliedUpTo);
            index.forgetTasks(appliedTasks);
            appends.values().removeIf(append -> !append.hasEntries());
            for (AppendPlan append : appends.values()) {
                append.id = nextAppendId++;
                index.logAppend(append.logged());
            }
            for (PlannedTask task : tasks) {
                index.logTask(new LoggedTask(task.id(), task.task().kind(), task.task().payload()));
            }
            index.commit();
            appliedTasks.clear();
        } catch (SQLException | IOException | RuntimeException e) {
            // Whatever went wrong, the open transaction holds some of this group's rows: none may survive.
            rollbackQuietly();
            throw new StorageException("index write failed: " + e.getMessage(), e);
        }
        CrashPoint.afterCommit();

        List<AppendPlan> attempted = new ArrayList<>();
        try {
            for (AppendPlan append : appends.values()) {
                attempted.add(append);
                vault.write(append.file, append.offset, append.bytes());
            }
        } catch (IOException | RuntimeException e) {
            lines.clear();
            Undo.Outcome undone = Undo.run(index, vault, attempted, appends.values(), tasks, stored);
            if (undone == Undo.Outcome.INDEX_DIRTY) {
                rollbackQuietly();
            }
            needsRecovery |= undone != Undo.Outcome.CLEAN;
            throw new StorageException("vault write failed: " + e, e);
        }
        for (AppendPlan append : appends.values()) {
            lines.appended(append.file, append.nextOffset(), append.newlinesAfter());
            try {
                stamps.note(append.file);
            } catch (IOException e) {
                // Not seen: the next look reconciles the file, which finds every entry where it is.
            }
        }
        appliedUpTo = appends.values().stream().mapToLong(a -> a.id).max().orElse(appliedUpTo);
        runTasks(tasks);
        return results;
    }

    /** Dedups one batch and plans its entries at the ends of their files; inserts its new events. */
    private StoreResult plan(List<PreparedEvent> batch, Set<DedupKey> seen, double receivedAt,
            Map<String, AppendPlan> appends, List<PreparedEvent> stored, List<PlannedTask> tasks)
            throws SQLException, IOException {
        int storedCount = 0;
        int skipped = 0;
        int redacted = 0;
        Set<String> files = new TreeSet<>();
        for (PreparedEvent event : batch) {
            if (!seen.add(event.key())) {
                skipped++;
                continue;
            }
            List<AppendPlan> targets = new ArrayList<>();
            for (PreparedEvent.NoteEntry entry : event.entries()) {
                AppendPlan append = appends.get(entry.note().path());
                if (append == null) {
                    append = AppendPlan.at(vault, entry.note(), lines);
                    appends.put(append.file, append);
                }
                targets.add(append);
            }
            // The unique dedup key decides: an ignored insert is a duplicate of a stored event.
            byte[] first = event.entries().get(0).bytes();
            if (!index.insert(event.key().bytes(), event.row(), receivedAt, targets.get(0).file,
                    targets.get(0).nextOffset(), first.length, targets.get(0).lineOf(first), Sha256.of(first))) {
                skipped++;
                continue;
            }
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).add(event.entries().get(i).bytes());
                files.add(targets.get(i).file);
            }
            if (event.task() != null) {
                tasks.add(new PlannedTask(nextTaskId++, event.task()));
            }
            stored.add(event);
            storedCount++;
            redacted += event.redactions();
        }
        return new StoreResult(storedCount, skipped, redacted, new ArrayList<>(files));
    }

    /**
     * Runs the group's tasks after its Markdown is durable. The events are already acknowledged by the index and
     * the vault, so a failure here does not fail them: the task stays logged, and the next group (or start)
     * retries it first.
     */
    private void runTasks(List<PlannedTask> tasks) {
        for (PlannedTask task : tasks) {
            if (!Recovery.runTask(handlers, vault, task.task().kind(), task.task().payload())) {
                needsRecovery = true;
                return;
            }
            appliedTasks.add(task.id());
        }
    }

    /** Stored events per {@code [plugin_id, device_id]}, for the plugin registry's stats. */
    static Map<List<String>, Integer> countsByDevice(List<PreparedEvent> stored) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (PreparedEvent event : stored) {
            counts.merge(List.of(event.row().pluginId(), event.row().deviceId()), 1, Integer::sum);
        }
        return counts;
    }

    /** Deletes what the last group finished from the logs and closes the index: no group will follow. */
    void finish() throws SQLException {
        try {
            if (!needsRecovery && index != null) {
                index.forgetAppendsUpTo(appliedUpTo);
                index.forgetTasks(appliedTasks);
                // How the server left its files, so the next start takes in only what a person changed meanwhile.
                stamps.save(index);
                index.commit();
            }
        } finally {
            closeIndex();
        }
    }

    /**
     * Rolls back the open transaction, if SQLite has not already, and prepares the statements anew, so the next
     * group starts from a clean writer whatever the failure left behind.
     */
    void rollbackQuietly() {
        if (indexFile == null) {
            return;
        }
        try {
            index.rollback();
        } catch (SQLException e) {
            LOG.debug("Index rollback: {}", e.toString());
        }
        closeIndex();
        // The next group starts with recovery, which opens the index again.
        needsRecovery = true;
    }

    /** Closes the statements and the connection; what was not committed is rolled back by SQLite. */
    void closeIndex() {
        if (indexFile == null) {
            return;
        }
        try {
            index.close();
        } catch (SQLException e) {
            LOG.debug("Closing the index statements: {}", e.toString());
        }
        try {
            indexFile.close();
        } catch (SQLException e) {
            LOG.debug("Closing the index: {}", e.toString());
        }
        index = null;
        indexFile = null;
    }
}
