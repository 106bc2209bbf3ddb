package dev.openclone.store;

import dev.openclone.index.Index;
import dev.openclone.ingest.DedupKey;
import dev.openclone.vault.Note;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores batches of events in one vault and its index, durably and exactly once.
 *
 * <p>One writer thread owns the index connection and the vault files, so parallel requests behave as some
 * serial order. It takes every batch waiting in its queue as one <em>group</em> and commits the group with one
 * index transaction and one fsync per touched file (group commit):
 * <ol>
 *   <li>dedup against the index and within the group, plan each file's append at its current end;</li>
 *   <li>commit the events and the planned appends ({@code pending_appends}) in one SQLite transaction: this
 *       is the commit point;</li>
 *   <li>write and fsync the Markdown files; only then is any batch of the group answered.</li>
 * </ol>
 * A crash after step 2 is repaired by {@link Recovery} at the next start. A failed write in step 3 takes the
 * group's bytes back out of the files and its rows out of the index, then retries each batch alone, so only the
 * batches that really cannot be written fail, and a failed batch leaves nothing behind.
 */
public final class EventStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
    /** Upper bound of events in one group; keeps one transaction and the memory of one group bounded. */
    private static final int MAX_GROUP_EVENTS = 20_000;

    private final Index index;
    private final VaultFiles vault;
    private final Clock clock;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    /** Set when a failure may have left committed appends unapplied; the next group repairs first. */
    private boolean needsRecovery;
    /** Appends of the last successful group: applied, deleted from the log by the next transaction. */
    private long appliedUpTo;

    private record Job(List<PreparedEvent> events, CompletableFuture<StoreResult> done) {
    }

    /** The writer's statements, prepared once: the writer thread is their only user. */
    private record Statements(PreparedStatement insert, PreparedStatement log, PreparedStatement forget,
            PreparedStatement countDevice, PreparedStatement logRecall, PreparedStatement forgetRecall) {

        static Statements prepare(Connection connection) throws SQLException {
            return new Statements(connection.prepareStatement("INSERT OR IGNORE INTO events (dedup_key, "
                    + "source_type, platform, device_id, plugin_id, plugin_version, raw_ref, captured_at, "
                    + "received_at, data, file, file_offset, entry_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    connection.prepareStatement("INSERT INTO pending_appends (id, file, file_offset, prefix_length, "
                            + "bytes) VALUES (?, ?, ?, ?, ?)"),
                    connection.prepareStatement("DELETE FROM pending_appends WHERE id <= ?"),
                    connection.prepareStatement("INSERT INTO plugin_devices (plugin_id, device_id, events, last_seen) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (plugin_id, device_id) DO UPDATE SET "
                            + "events = events + excluded.events, last_seen = max(last_seen, excluded.last_seen)"),
                    connection.prepareStatement("INSERT INTO pending_recalls (id, file, advancement_key, lines, "
                            + "turns, max_bytes) VALUES (?, ?, ?, ?, ?, ?)"),
                    connection.prepareStatement("DELETE FROM pending_recalls WHERE id = ?"));
        }
    }

    private Statements statements;
    /** The id of the next planned append; the log is empty after recovery, so numbering restarts at 1. */
    private long nextAppendId = 1;
    /** The id of the next planned recall update; recovery may leave failed ones, so it continues after them. */
    private long nextRecallId = 1;
    /** Recall updates applied since the last transaction, deleted from their log by the next one. */
    private final List<Long> appliedRecalls = new ArrayList<>();

    /** A recall update of a group, with its id in {@code pending_recalls}. */
    private record PlannedRecall(long id, RecallTurn turn) {
    }

    private EventStore(Index index, VaultFiles vault, Clock clock, String name) {
        this.index = index;
        this.vault = vault;
        this.clock = clock;
        this.writer = new Thread(this::run, "vault-writer-" + name);
        this.writer.setDaemon(true);
    }

    /** Opens the index, repairs the vault after any crash, and starts the writer. */
    public static EventStore open(Path vaultRoot, Clock clock, String name) throws StorageException {
        Index index;
        try {
            index = Index.open(vaultRoot);
        } catch (SQLException | IOException e) {
            throw new StorageException("vault " + vaultRoot + ": cannot open its index in "
                    + vaultRoot.resolve(".openclone") + ": " + e.getMessage(), e);
        }
        VaultFiles files = new VaultFiles(vaultRoot);
        Recovery.Result recovered;
        try {
            recovered = Recovery.run(index.connection(), files);
        } catch (SQLException | IOException e) {
            try {
                index.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new StorageException("vault " + vaultRoot + ": cannot finish the writes of the last run: "
                    + e.getMessage(), e);
        }
        EventStore store = new EventStore(index, files, clock, name);
        store.nextRecallId = recovered.nextRecallId();
        store.needsRecovery = recovered.recallsLeft();
        store.writer.start();
        return store;
    }

    /**
     * Stores a batch and returns once it is durable in the vault and the index.
     *
     * @throws StorageException when nothing of the batch could be kept
     */
    public StoreResult store(List<PreparedEvent> events) throws StorageException, InterruptedException {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        Job job = new Job(List.copyOf(events), new CompletableFuture<>());
        queue.add(job);
        if (closed && !writer.isAlive() && queue.remove(job)) {
            throw new StorageException("the store is closed", null);
        }
        try {
            return job.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("unexpected failure while storing: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        List<Job> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int events = first.events().size();
                Job next;
                while (events < MAX_GROUP_EVENTS && (next = queue.poll()) != null) {
                    group.add(next);
                    events += next.events().size();
                }
                process(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Vault writer failed unexpectedly", e);
                rollbackQuietly();
                group.forEach(job -> job.done().completeExceptionally(
                        new StorageException("unexpected failure while storing", e)));
                needsRecovery = true;
            } finally {
                group.clear();
            }
        }
    }

    private void process(List<Job> group) {
        if (needsRecovery) {
            try {
                Recovery.Result recovered = Recovery.run(index.connection(), vault);
                appliedUpTo = 0;
                nextAppendId = 1;
                nextRecallId = recovered.nextRecallId();
                appliedRecalls.clear();
                needsRecovery = recovered.recallsLeft();
            } catch (SQLException | IOException e) {
                rollbackQuietly();
                StorageException failure = new StorageException("vault repair failed: " + e.getMessage(), e);
                group.forEach(job -> job.done().completeExceptionally(failure));
                return;
            }
        }
        try {
            List<StoreResult> results = commit(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
            }
        } catch (StorageException groupFailure) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailure);
                return;
            }
            for (Job job : group) {
                try {
                    job.done().complete(commit(List.of(job)).get(0));
                } catch (StorageException alone) {
                    job.done().completeExceptionally(alone);
                }
            }
        }
    }

    /** Commits a group: index first (the commit point), then the vault files. */
    private List<StoreResult> commit(List<Job> group) throws StorageException {
        Connection connection = index.connection();
        Map<String, PendingAppend> appends = new LinkedHashMap<>();
        List<PreparedEvent> stored = new ArrayList<>();
        List<PlannedRecall> recalls = new ArrayList<>();
        List<StoreResult> results = new ArrayList<>();
        try {
            if (statements == null) {
                statements = Statements.prepare(connection);
            }
            Set<DedupKey> seen = new HashSet<>();
            double receivedAt = clock.millis() / 1000d;
            PreparedStatement insert = statements.insert();
            for (Job job : group) {
                int storedCount = 0;
                int skipped = 0;
                int redacted = 0;
                Set<String> files = new TreeSet<>();
                for (PreparedEvent event : job.events()) {
                    if (!seen.add(event.key())) {
                        skipped++;
                        continue;
                    }
                    List<PendingAppend> targets = new ArrayList<>();
                    for (PreparedEvent.NoteEntry entry : event.entries()) {
                        PendingAppend append = appends.get(entry.note().path());
                        if (append == null) {
                            append = plan(entry.note());
                            appends.put(append.file, append);
                        }
                        targets.add(append);
                    }
                    // The unique dedup key decides: an ignored insert is a duplicate of a stored event.
                    bindEvent(insert, event, receivedAt, targets.get(0).file, targets.get(0).nextOffset());
                    if (insert.executeUpdate() == 0) {
                        skipped++;
                        continue;
                    }
                    for (int i = 0; i < targets.size(); i++) {
                        targets.get(i).add(event.entries().get(i).bytes());
                        files.add(targets.get(i).file);
                    }
                    if (event.recall() != null) {
                        recalls.add(new PlannedRecall(nextRecallId++, event.recall()));
                    }
                    stored.add(event);
                    storedCount++;
                    redacted += event.redactions();
                }
                results.add(new StoreResult(storedCount, skipped, redacted, new ArrayList<>(files)));
            }
            countPluginDevices(statements.countDevice(), stored, receivedAt);
            statements.forget().setLong(1, appliedUpTo);
            statements.forget().executeUpdate();
            appends.values().removeIf(append -> !append.hasEntries());
            PreparedStatement log = statements.log();
            for (PendingAppend append : appends.values()) {
                append.id = nextAppendId++;
                log.setLong(1, append.id);
                log.setString(2, append.file);
                log.setLong(3, append.offset);
                log.setInt(4, append.prefixLength);
                log.setBytes(5, append.bytes());
                log.executeUpdate();
            }
            logRecalls(recalls);
            connection.commit();
            appliedRecalls.clear();
        } catch (SQLException | IOException | RuntimeException e) {
            // Whatever went wrong, the open transaction holds some of this group's rows: none may survive.
            rollbackQuietly();
            throw new StorageException("index write failed: " + e.getMessage(), e);
        }

        List<PendingAppend> attempted = new ArrayList<>();
        try {
            for (PendingAppend append : appends.values()) {
                attempted.add(append);
                vault.write(append.file, append.offset, append.bytes());
            }
        } catch (IOException | RuntimeException e) {
            undo(attempted, appends.values(), recalls, stored);
            throw new StorageException("vault write failed: " + e, e);
        }
        appliedUpTo = appends.values().stream().mapToLong(a -> a.id).max().orElse(appliedUpTo);
        applyRecalls(recalls);
        return results;
    }

    /** Logs the group's recall updates and deletes those applied since the last transaction. */
    private void logRecalls(List<PlannedRecall> recalls) throws SQLException {
        PreparedStatement forget = statements.forgetRecall();
        for (long id : appliedRecalls) {
            forget.setLong(1, id);
            forget.executeUpdate();
        }
        PreparedStatement log = statements.logRecall();
        for (PlannedRecall recall : recalls) {
            log.setLong(1, recall.id());
            log.setString(2, recall.turn().file());
            log.setString(3, recall.turn().advancementKey());
            log.setString(4, Recovery.lines(recall.turn().entries()));
            log.setInt(5, recall.turn().turns());
            log.setLong(6, recall.turn().maxBytes());
            log.executeUpdate();
        }
    }

    /**
     * Updates the recall files after the group's Markdown is durable. The turns are already acknowledged by the
     * index and the vault, so a failure here does not fail them: their updates stay in the log, and the next
     * group (or start) retries them first.
     */
    private void applyRecalls(List<PlannedRecall> recalls) {
        for (PlannedRecall recall : recalls) {
            try {
                Recovery.applyRecall(vault, recall.turn());
                appliedRecalls.add(recall.id());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not update recall file {} (kept for retry): {}", recall.turn().file(), e.toString());
                needsRecovery = true;
                return;
            }
        }
    }

    /** Counts the stored events per plugin and device, for the plugin registry's stats. */
    private static void countPluginDevices(PreparedStatement upsert, List<PreparedEvent> stored, double receivedAt)
            throws SQLException {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (PreparedEvent event : stored) {
            counts.merge(List.of(event.batch().pluginId(), event.batch().deviceId()), 1, Integer::sum);
        }
        for (Map.Entry<List<String>, Integer> count : counts.entrySet()) {
            upsert.setString(1, count.getKey().get(0));
            upsert.setString(2, count.getKey().get(1));
            upsert.setInt(3, count.getValue());
            upsert.setDouble(4, receivedAt);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    private PendingAppend plan(Note note) throws IOException {
        String file = note.path();
        VaultFiles.Tail tail = vault.tail(file);
        byte[] prefix = tail.size() == 0 ? note.header().getBytes(StandardCharsets.UTF_8)
                : tail.endsWithNewline() ? new byte[0] : new byte[] {'\n'};
        return new PendingAppend(file, tail.size(), prefix);
    }

    private static void bindEvent(PreparedStatement insert, PreparedEvent event, double receivedAt, String file,
            long offset) throws SQLException {
        insert.setBytes(1, event.key().bytes());
        insert.setString(2, event.batch().sourceType().wireName());
        insert.setString(3, event.batch().platform().wireName());
        insert.setString(4, event.batch().deviceId());
        insert.setString(5, event.batch().pluginId());
        insert.setString(6, event.batch().pluginVersion());
        insert.setString(7, event.rawRef());
        insert.setDouble(8, event.event().timestamp());
        insert.setDouble(9, receivedAt);
        insert.setString(10, event.dataJson());
        insert.setString(11, file);
        insert.setLong(12, offset);
        insert.setInt(13, event.entries().get(0).bytes().length);
    }

    /**
     * Takes a failed group back out: its bytes out of the files it reached, its events and planned appends out
     * of the index. When its bytes cannot be taken back, the group is kept instead and the redo log completes it;
     * when the index cannot be cleaned, the next group (or the next start) repairs first.
     */
    private void undo(List<PendingAppend> attempted, Collection<PendingAppend> planned,
            List<PlannedRecall> recalls, List<PreparedEvent> stored) {
        boolean filesClean = true;
        for (PendingAppend append : attempted) {
            try {
                filesClean &= vault.takeBack(append.file, append.offset, append.bytes());
            } catch (IOException | RuntimeException e) {
                filesClean = false;
                LOG.warn("Could not take back a failed write to {}: {}", append.file, e.toString());
            }
        }
        if (!filesClean) {
            // Bytes of this group stay in a file: keep its rows and redo log, so recovery completes the entries
            // (exactly once) as soon as the vault can be written, instead of leaving a torn entry behind.
            needsRecovery = true;
            return;
        }
        Connection connection = index.connection();
        try (PreparedStatement deleteEvent = connection.prepareStatement("DELETE FROM events WHERE dedup_key = ?");
                PreparedStatement deleteLog = connection.prepareStatement(
                        "DELETE FROM pending_appends WHERE id = ?");
                PreparedStatement forgetDevice = connection.prepareStatement(
                        "DELETE FROM plugin_devices WHERE plugin_id = ? AND device_id = ?");
                PreparedStatement recountDevice = connection.prepareStatement("INSERT INTO plugin_devices "
                        + "(plugin_id, device_id, events, last_seen) SELECT plugin_id, device_id, count(*), "
                        + "max(received_at) FROM events WHERE plugin_id = ? AND device_id = ? "
                        + "GROUP BY plugin_id, device_id")) {
            Set<List<String>> devices = new HashSet<>();
            for (PreparedEvent event : stored) {
                deleteEvent.setBytes(1, event.key().bytes());
                deleteEvent.addBatch();
                devices.add(List.of(event.batch().pluginId(), event.batch().deviceId()));
            }
            deleteEvent.executeBatch();
            for (PendingAppend append : planned) {
                deleteLog.setLong(1, append.id);
                deleteLog.addBatch();
            }
            deleteLog.executeBatch();
            PreparedStatement forgetRecall = statements.forgetRecall();
            for (PlannedRecall recall : recalls) {
                forgetRecall.setLong(1, recall.id());
                forgetRecall.executeUpdate();
            }
            for (List<String> device : devices) {
                forgetDevice.setString(1, device.get(0));
                forgetDevice.setString(2, device.get(1));
                forgetDevice.executeUpdate();
                recountDevice.setString(1, device.get(0));
                recountDevice.setString(2, device.get(1));
                recountDevice.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            LOG.warn("Could not take a failed group back out of the index: {}", e.toString());
            needsRecovery = true;
        }
    }

    private void rollbackQuietly() {
        try {
            index.connection().rollback();
        } catch (SQLException e) {
            LOG.warn("Index rollback failed: {}", e.toString());
        }
    }

    /** Finishes every queued batch, clears the applied log and closes the index. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new StorageException("the store is closed", null));
        }
        try {
            if (!needsRecovery) {
                try (PreparedStatement forget = index.connection().prepareStatement(
                        "DELETE FROM pending_appends WHERE id <= ?");
                        PreparedStatement forgetRecall = index.connection().prepareStatement(
                                "DELETE FROM pending_recalls WHERE id = ?")) {
                    forget.setLong(1, appliedUpTo);
                    forget.executeUpdate();
                    for (long id : appliedRecalls) {
                        forgetRecall.setLong(1, id);
                        forgetRecall.executeUpdate();
                    }
                }
                index.connection().commit();
            }
            if (statements != null) {
                statements.insert().close();
                statements.log().close();
                statements.forget().close();
                statements.countDevice().close();
                statements.logRecall().close();
                statements.forgetRecall().close();
            }
            index.close();
        } catch (SQLException e) {
            LOG.warn("Closing the index failed: {}", e.toString());
        }
    }
}
