package dev.openclone.index;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQLite index beside a vault, {@code <vault>/.openclone/index.db}: every stored event with its dedup key
 * and place in the vault, and the redo log of vault appends. Obsidian ignores dot-folders, so the index never
 * shows up as a note.
 */
public final class Index implements AutoCloseable {

    /** The migrations, in order; the n-th brings the schema to version n. */
    static final List<String> MIGRATIONS = List.of("V1__events.sql");

    private final Connection connection;

    private Index(Connection connection) {
        this.connection = connection;
    }

    /** The index file of the vault at {@code vault}. */
    public static Path file(Path vault) {
        return vault.resolve(".openclone").resolve("index.db");
    }

    /** Opens (creating if needed) the index of the vault at {@code vault} and migrates it. */
    public static Index open(Path vault) throws SQLException, IOException {
        return new Index(Database.open(file(vault), "index", MIGRATIONS));
    }

    /** The one writing connection; the store's writer thread is its only user. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
