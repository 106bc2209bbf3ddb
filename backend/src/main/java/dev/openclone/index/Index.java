package dev.openclone.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The SQLite index beside a vault, {@code <vault>/.openclone/index.db}: every stored event with its dedup key
 * and place in the vault, the redo log of vault appends and the after-commit log. Every SQL statement against it
 * is in this package: {@link IndexWriter} for the store, {@link IndexReader} for the read endpoints. Obsidian
 * ignores dot-folders, so the index never shows up as a note.
 */
public final class Index implements AutoCloseable {

    /** The migrations, in order; the n-th brings the schema to version n. */
    static final List<String> MIGRATIONS = List.of("V1__events.sql", "V2__plugin_devices.sql",
            "V3__drop_plugin_time_index.sql", "V4__events_by_file.sql", "V5__pending_recalls.sql",
            "V6__after_commit.sql", "V7__entry_line.sql", "V8__forget.sql",
            "V9__dashboard_counts.sql");

    private static final long CHECKPOINT_MILLIS = 1_000;

    private final Connection connection;
    private final Path vault;
    private final ScheduledExecutorService checkpointer;

    private Index(Connection connection, Path vault) {
        this.connection = connection;
        this.vault = vault;
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "index-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        checkpointer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_MILLIS, CHECKPOINT_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The index file of the vault at {@code vault}. */
    public static Path file(Path vault) {
        return vault.resolve(".openclone").resolve("index.db");
    }

    /** Opens (creating if needed) the index of the vault at {@code vault} and migrates it. */
    public static Index open(Path vault) throws SQLException, IOException {
        for (Path part : List.of(vault.resolve(".openclone"), file(vault), file(vault).resolveSibling("index.db-wal"),
                file(vault).resolveSibling("index.db-shm"))) {
            if (Files.isSymbolicLink(part)) {
                throw new IOException("refusing to follow the symbolic link " + part + " (the index must be a file "
                        + "of this vault)");
            }
        }
        Connection connection = Database.open(file(vault), "index", MIGRATIONS);
        try (Statement statement = connection.createStatement()) {
            // The dedup keys are random, so their B-tree is touched all over: keep more of it in memory (32 MiB).
            statement.execute("PRAGMA cache_size = -32768");
            // Checkpoints copy the WAL into the database; a background connection does that (see checkpoint()),
            // so the writer's commits only append to the WAL.
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            // What is deleted or shortened (a forgotten event's data) is overwritten with zeros, not left in free
            // space; a forget then checkpoints the WAL away (IndexWriter.purgeWal).
            statement.execute("PRAGMA secure_delete = ON");
        }
        connection.commit();
        return new Index(connection, vault);
    }

    /**
     * A new, empty index at {@code file} (which must not exist) for a rebuild, with its own writer; closing it
     * closes the connection. Nothing else may use {@code file} meanwhile.
     */
    public static Fresh fresh(Path file) throws SQLException, IOException {
        Connection connection = Database.open(file, "index", MIGRATIONS);
        return new Fresh(connection, new IndexWriter(connection));
    }

    /** A fresh index and its writer. */
    public record Fresh(Connection connection, IndexWriter writer) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            writer.close();
            try (Statement statement = connection.createStatement()) {
                connection.commit();
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } finally {
                connection.close();
            }
        }
    }

    /** The statements of the one writer, on the writing connection; the store's writer thread is their only user. */
    public IndexWriter writer() throws SQLException {
        return new IndexWriter(connection);
    }

    /** Copies committed WAL frames into the database without waiting for anyone: runs every second. */
    private void checkpoint() {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file(vault));
                Statement statement = reader.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // The next round tries again; until then the WAL just grows.
        }
    }

    /** Stops the checkpoints, folds the whole WAL into the database and closes. */
    @Override
    public void close() throws SQLException {
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            // Closing still works; the next open replays the WAL.
        }
        connection.close();
    }
}
