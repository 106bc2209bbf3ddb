package dev.openclone.store;

import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores batches of events in one vault and its index, durably and exactly once.
 *
 * <p>One writer thread owns the index connection and the vault files, so parallel requests behave as some
 * serial order. It takes every batch waiting in its queue as one <em>group</em> and commits the group with one
 * index transaction and one fsync per touched file (group commit, {@link GroupCommit}):
 * <ol>
 *   <li>dedup against the index and within the group, plan each file's append at its current end;</li>
 *   <li>commit the events, the planned appends and the after-commit tasks in one SQLite transaction: this is
 *       the commit point;</li>
 *   <li>write and fsync the Markdown files; only then is any batch of the group answered;</li>
 *   <li>run the after-commit tasks ({@link AfterCommit}).</li>
 * </ol>
 * A crash after step 2 is repaired by {@link Recovery} at the next start. A failed write in step 3 takes the
 * group's bytes back out of the files and its rows out of the index ({@link Undo}), then retries each batch
 * alone, so only the batches that really cannot be written fail, and a failed batch leaves nothing behind.
 */
public final class EventStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
    /** Upper bound of events in one group; keeps one transaction and the memory of one group bounded. */
    private static final int MAX_GROUP_EVENTS = 20_000;

    /** How often the writer looks for daily files a person changed (they are reconciled, see {@link Reconcile}). */
    static final long LOOK_MILLIS = Long.getLong("openclone.vaultLookMillis", 1_000);

    private final GroupCommit commits;
    private final ScheduledExecutorService looker;
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    private final String name;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /** What the writer does: store a batch (grouped with the batches queued with it), or a task alone. */
    private sealed interface Work permits Job, Task {
        void fail(StorageException failure);
    }

    private record Job(List<PreparedEvent> events, CompletableFuture<StoreResult> done) implements Work {
        @Override
        public void fail(StorageException failure) {
            done.completeExceptionally(failure);
        }
    }

    private record Task(Exclusive work, CompletableFuture<Object> done) implements Work {
        @Override
        public void fail(StorageException failure) {
            done.completeExceptionally(failure);
        }
    }

    /** Work that needs the vault and its index to itself (no batch is stored meanwhile). */
    @FunctionalInterface
    private interface Exclusive {
        Object run(GroupCommit commits) throws SQLException, IOException;
    }

    private EventStore(GroupCommit commits, String name) {
        this.commits = commits;
        this.name = name;
        this.looker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vault-look-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.writer = new Thread(this::run, "vault-writer-" + name);
        this.writer.setDaemon(true);
    }

    /**
     * Opens the index, repairs the vault after any crash, and starts the writer.
     *
     * @param handlers the after-commit task handlers, by kind; tasks of other kinds are kept in the log
     */
    public static EventStore open(Path vaultRoot, Clock clock, String name, Map<String, AfterCommit> handlers)
            throws StorageException {
        GroupCommit commits;
        try {
            commits = GroupCommit.open(vaultRoot, clock, handlers);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("vault " + vaultRoot + ": " + e.getMessage(), e);
        }
        EventStore store = new EventStore(commits, name);
        store.writer.start();
        store.looker.scheduleWithFixedDelay(store::queueLook, 0, LOOK_MILLIS, TimeUnit.MILLISECONDS);
        return store;
    }

    /**
     * Stores a batch and returns once it is durable in the vault and the index.
     *
     * @throws StorageException when nothing of the batch could be kept
     */
    public StoreResult store(List<PreparedEvent> events) throws StorageException, InterruptedException {
        Job job = new Job(List.copyOf(events), new CompletableFuture<>());
        return await(job, job.done());
    }

    /**
     * Forgets the events {@code ids} (those still live): tombstones in the index, their entries cut out of the
     * daily files. Returns once it is durable; runs between groups, never beside one.
     */
    public Forgotten forget(Collection<Long> ids) throws StorageException, InterruptedException {
        return forget(ids, vault -> { });
    }

    /**
     * {@link #forget(Collection)}, with {@code before} run first on the writer thread: a feature's own copies of
     * the events (a conversation's recall lines) go with them, with no write of that feature in between.
     */
    public Forgotten forget(Collection<Long> ids, VaultWork before) throws StorageException, InterruptedException {
        List<Long> copy = List.copyOf(ids);
        Task task = new Task(commits -> {
            commits.onVault(before);
            return commits.forget(copy);
        }, new CompletableFuture<>());
        return (Forgotten) await(task, task.done());
    }

    /** Work on a vault's files, run on its writer thread. */
    @FunctionalInterface
    public interface VaultWork {
        void run(VaultFiles vault) throws IOException;
    }

    /**
     * A consistent picture of the vault for a backup: a copy of the index written to {@code indexCopy}, and the
     * size of every file of the vault at that instant (its own folder aside), taken while no batch is stored, so
     * the files cut at those sizes hold exactly the entries the copy knows (and any lines a person wrote).
     */
    public Map<String, Long> snapshot(Path indexCopy) throws StorageException, InterruptedException {
        Task task = new Task(commits -> commits.snapshot(indexCopy), new CompletableFuture<>());
        @SuppressWarnings("unchecked")
        Map<String, Long> sizes = (Map<String, Long>) await(task, task.done());
        return sizes;
    }

    /** Queues a look at the vault for a person's changes, unless one is waiting already. */
    private void queueLook() {
        if (closed || !lookQueued.compareAndSet(false, true)) {
            return;
        }
        queue.add(new Task(commits -> {
            lookQueued.set(false);
            GroupCommit.ReconcileTotals totals = commits.reconcileChanged();
            if (totals.files > 0) {
                LOG.info("Took in changes a person made to {} daily files of tenant {}: {} entries edited, {} deleted",
                        totals.files, name, totals.edited, totals.deleted);
            }
            return totals;
        }, new CompletableFuture<>()));
    }

    private <T> T await(Work work, CompletableFuture<T> done) throws StorageException, InterruptedException {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        queue.add(work);
        if (closed && !writer.isAlive() && queue.remove(work)) {
            throw new StorageException("the store is closed", null);
        }
        try {
            return done.get();
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
                Work polled = queue.poll(200, TimeUnit.MILLISECONDS);
                if (polled == null) {
                    continue;
                }
                if (polled instanceof Task task) {
                    runAlone(task);
                    continue;
                }
                Job first = (Job) polled;
                group.add(first);
                int events = first.events().size();
                // A group gathers the batches queued behind the first, up to the next task.
                while (events < MAX_GROUP_EVENTS && queue.peek() instanceof Job) {
                    Job next = (Job) queue.poll();
                    group.add(next);
                    events += next.events().size();
                }
                process(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Vault writer failed unexpectedly", e);
                commits.rollbackQuietly();
                group.forEach(job -> job.done().completeExceptionally(
                        new StorageException("unexpected failure while storing", e)));
                commits.markNeedsRecovery();
            } finally {
                group.clear();
            }
        }
    }

    /** Runs a task with the vault to itself, after any repair a failure left to do. */
    private void runAlone(Task task) {
        try {
            if (commits.needsRecovery()) {
                commits.recover();
            }
            task.done().complete(task.work().run(commits));
        } catch (SQLException | IOException e) {
            task.fail(new StorageException(e.getMessage(), e));
        } catch (RuntimeException e) {
            LOG.error("Vault writer failed unexpectedly", e);
            task.fail(new StorageException("unexpected failure", e));
            commits.markNeedsRecovery();
        }
    }

    /** Repairs first when needed; commits the group, or each of its batches alone when the group failed. */
    private void process(List<Job> group) {
        if (commits.needsRecovery()) {
            try {
                commits.recover();
            } catch (SQLException | IOException e) {
                StorageException failure = new StorageException("vault repair failed: " + e.getMessage(), e);
                group.forEach(job -> job.done().completeExceptionally(failure));
                return;
            }
        }
        try {
            List<StoreResult> results = commits.commit(group.stream().map(Job::events).toList());
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
                    job.done().complete(commits.commit(List.of(job.events())).get(0));
                } catch (StorageException alone) {
                    job.done().completeExceptionally(alone);
                }
            }
        }
    }

    /** Finishes every queued batch, clears the applied logs and closes the index. */
    @Override
    public void close() {
        closed = true;
        looker.shutdownNow();
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Work left; (left = queue.poll()) != null; ) {
            left.fail(new StorageException("the store is closed", null));
        }
        try {
            commits.finish();
        } catch (SQLException e) {
            LOG.warn("Closing the index failed: {}", e.toString());
        }
    }
}
