package dev.openclone.index;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite index beside a vault, {@code <vault>/.openclone/index.db}: every stored event with its dedup key
 * and place in the vault, and the redo log of vault appends. Obsidian ignores dot-folders, so the index never
 * shows up as a note.
 */
public final class Index implements AutoCloseable {

    /** The migrations, in order; the n-th brings the schema to version n. */
    static final List<String> MIGRATIONS = List.of("V1__events.sql", "V2__plugin_devices.sql");

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

    /**
     * A read-only connection for queries, beside the writer's (WAL lets readers and the writer work at once).
     * The caller closes it.
     */
    public static Connection openReadOnly(Path vault) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file(vault), config.toProperties());
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
