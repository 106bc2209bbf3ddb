package dev.openclone.search;

import dev.openclone.files.OwnerOnly;
import dev.openclone.index.Index;
import dev.openclone.index.IndexReader;
import dev.openclone.index.IndexScans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-text index of one vault, in {@code <vault>/.openclone/search}: derived, never the truth. It follows the
 * SQLite index by its sequence number (the events' row id): a background thread adds what was stored since the
 * last look, several times a second, so ingest never waits for it and a new event is found within a second. Its
 * commits record the last id they hold; after a crash, a deleted or a broken folder it catches up (or rebuilds)
 * by itself.
 */
public final class SearchIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    static final SearchAnalyzer ANALYZER = new SearchAnalyzer();
    private static final String LAST_ID = "openclone.last_id";
    private static final String LAST_FORGET = "openclone.last_change";
    /** The document layout: an index written with another (or none: before ids were points) is built again. */
    private static final String SCHEMA = "openclone.schema";
    private static final String SCHEMA_VERSION = "2";
    private static final int BATCH = 2_000;
    /** How often it looks for new events: each look that finds some makes them searchable (a segment flush). */
    private static final long POLL_MILLIS = 500;
    private static final long COMMIT_MILLIS = 5_000;

    private final Path vault;
    private final IndexReader source;
    private final IndexScans scans;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService follower;
    private final ReentrantLock following = new ReentrantLock();
    private volatile long lastId;
    private long lastForget;
    private long committedId;
    private long lastCommit = System.nanoTime();

    private SearchIndex(Path vault, FSDirectory directory, IndexWriter writer) throws IOException {
        this.vault = vault;
        this.source = new IndexReader(vault);
        this.scans = new IndexScans(vault);
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        Map<String, String> committed = writer.getLiveCommitData() == null ? Map.of()
                : toMap(writer.getLiveCommitData());
        this.lastId = Long.parseLong(committed.getOrDefault(LAST_ID, "0"));
        this.lastForget = Long.parseLong(committed.getOrDefault(LAST_FORGET, "0"));
        if (!SCHEMA_VERSION.equals(committed.get(SCHEMA))) {
            // Written by an older version: its documents are added again from the SQLite index.
            writer.deleteAll();
            lastId = 0;
            lastForget = 0;
        }
        this.committedId = committed.containsKey(SCHEMA) ? lastId : -1;
        this.follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "search-" + vault.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The folder of a vault's search index. */
    public static Path folder(Path vault) {
        return Index.file(vault).resolveSibling("search");
    }

    /** Opens (or creates, or rebuilds when broken) a vault's search index and starts following its events. */
    public static SearchIndex open(Path vault) throws IOException {
        Path folder = folder(vault);
        OwnerOnly.createDirectories(folder);
        SearchIndex index;
        try {
            index = openAt(vault, folder);
        } catch (LockObtainFailedException inUse) {
            throw new IOException("the search index of " + vault + " is in use by another process (a running "
                    + "server?)", inUse);
        } catch (IOException | RuntimeException broken) {
            LOG.warn("The search index of {} cannot be opened ({}); rebuilding it from the index", vault,
                    broken.toString());
            delete(folder);
            OwnerOnly.createDirectories(folder);
            index = openAt(vault, folder);
        }
        index.follower.scheduleWithFixedDelay(index::followQuietly, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return index;
    }

    /**
     * Rebuilds a vault's search index from its SQLite index, in this process (the server must not be running on
     * that vault). {@code progress} is told the number of events indexed, now and then.
     *
     * @return the number of events indexed
     */
    public static long rebuild(Path vault, LongConsumer progress) throws IOException {
        Path folder = folder(vault);
        OwnerOnly.createDirectories(folder);
        // CREATE replaces the old index at the first commit, once the write lock is held: never under the feet
        // of a server that is running.
        try (SearchIndex index = openAt(vault, folder, IndexWriterConfig.OpenMode.CREATE)) {
            index.lastId = 0;
            long count = 0;
            List<IndexReader.Row> rows;
            while (!(rows = index.scans.eventsAfter(index.lastId, BATCH)).isEmpty()) {
                for (IndexReader.Row row : rows) {
                    index.writer.addDocument(SearchDocument.of(row));
                }
                index.lastId = rows.get(rows.size() - 1).id();
                count += rows.size();
                progress.accept(count);
            }
            index.lastForget = index.scans.changedAfter(0).lastChange();
            index.writer.setLiveCommitData(index.commitData().entrySet());
            return count;
        } catch (LockObtainFailedException inUse) {
            throw new IOException("the search index of " + vault + " is in use: stop the server first (it keeps "
                    + "its search index up to date by itself)", inUse);
        }
    }

    /**
     * Fails when a server holds the vault's search index (it keeps it open while it runs): what must not run
     * beside a server checks this first.
     */
    public static void ensureNotInUse(Path vault) throws IOException {
        Path folder = folder(vault);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (FSDirectory directory = new OwnerOnlyDirectory(folder);
                Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            lock.ensureValid();
        } catch (LockObtainFailedException inUse) {
            throw new IOException("the vault " + vault + " is in use: stop the server first", inUse);
        }
    }

    private static SearchIndex openAt(Path vault, Path folder) throws IOException {
        return openAt(vault, folder, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    }

    private static SearchIndex openAt(Path vault, Path folder, IndexWriterConfig.OpenMode mode) throws IOException {
        // Read through file channels rather than mapped memory: the index's pages then stay in the page cache,
        // shared and reclaimable, instead of counting in the server's resident memory.
        FSDirectory directory = new OwnerOnlyDirectory(folder);
        try {
            IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setOpenMode(mode).setRAMBufferSizeMB(16);
            // The lock file made here, owner-only, before Lucene takes it: changing its mode after would change
            // the time Lucene checks it by, and Lucene would take the lock for lost.
            Path lock = folder.resolve(IndexWriter.WRITE_LOCK_NAME);
            if (!Files.exists(lock)) {
                try {
                    OwnerOnly.create(lock);
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile: Lucene decides who holds it
                }
            }
            return new SearchIndex(vault, directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The sequence number of the last event this index holds (searchable, not necessarily committed). */
    public long lastId() {
        return lastId;
    }

    /** The SQLite index this one follows: where each event's entry is now. */
    IndexReader source() {
        return source;
    }

    public Path vault() {
        return vault;
    }

    private void followQuietly() {
        try {
            follow();
        } catch (IOException | RuntimeException e) {
            LOG.warn("The search index of {} could not catch up (will try again): {}", vault, e.toString());
        }
    }

    /**
     * {@link #follow}, unless another thread is already at it (the background thread catching up with a large
     * backlog): a search then answers with what is searchable now instead of waiting.
     */
    void followIfIdle() throws IOException {
        if (following.tryLock()) {
            try {
                followLocked();
            } finally {
                following.unlock();
            }
        }
    }

    /** Adds what the SQLite index stored since the last look; commits now and then; makes it searchable. */
    void follow() throws IOException {
        following.lock();
        try {
            followLocked();
        } finally {
            following.unlock();
        }
    }

    private void followLocked() throws IOException {
        boolean added = false;
        List<IndexReader.Row> rows;
        while (!(rows = scans.eventsAfter(lastId, BATCH)).isEmpty()) {
            for (IndexReader.Row row : rows) {
                writer.addDocument(SearchDocument.of(row));
            }
            lastId = rows.get(rows.size() - 1).id();
            added = true;
            writer.setLiveCommitData(commitData().entrySet());
        }
        IndexScans.Changes changes = scans.changedAfter(lastForget);
        if (changes.lastChange() != lastForget) {
            List<Long> redo = new ArrayList<>(changes.forgotten());
            changes.edited().forEach(row -> redo.add(row.id()));
            writer.deleteDocuments(LongPoint.newSetQuery(SearchDocument.ID, redo));
            for (IndexReader.Row row : changes.edited()) {
                if (row.id() <= lastId) {
                    writer.addDocument(SearchDocument.of(row));
                }
            }
            // Deleted documents keep their text in their segment until it is merged away: merge now, and commit,
            // so the old segment files are removed.
            writer.forceMergeDeletes(true);
            lastForget = changes.lastChange();
            writer.setLiveCommitData(commitData().entrySet());
            commit();
            added = true;
        }
        if (added) {
            searchers.maybeRefreshBlocking();
        }
        if (lastId != committedId && System.nanoTime() - lastCommit > COMMIT_MILLIS * 1_000_000) {
            commit();
        }
    }

    private Map<String, String> commitData() {
        return Map.of(LAST_ID, Long.toString(lastId), LAST_FORGET, Long.toString(lastForget), SCHEMA,
                SCHEMA_VERSION);
    }

    private void commit() throws IOException {
        writer.commit();
        committedId = lastId;
        lastCommit = System.nanoTime();
    }

    /** Runs {@code work} with a current searcher. */
    <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.run(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    @FunctionalInterface
    interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    @Override
    public void close() {
        follower.shutdown();
        try {
            follower.awaitTermination(10, TimeUnit.SECONDS);
            following.lock();
            try {
                commit();
            } finally {
                following.unlock();
            }
            searchers.close();
            writer.close();
            directory.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Closing the search index of {} failed: {}", vault, e.toString());
        }
    }

    private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> map = new HashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
