package dev.openclone.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite index beside a vault, {@code <vault>/.openclone/index.db}: WAL journal, {@code synchronous=FULL}
 * so a commit is on disk when it returns, and a schema brought up to date by numbered migrations
 * ({@code db/migration/V<n>__<name>.sql}, applied in order, tracked in {@code PRAGMA user_version}).
 * Obsidian ignores dot-folders, so the index never shows up as a note.
 */
public final class Index implements AutoCloseable {

    /** The migrations, in order; the n-th brings the schema to version n. */
    static final List<String> MIGRATIONS = List.of("V1__events.sql");

    private final Connection connection;
    private final Path file;

    private Index(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the index of the vault at {@code vault} and migrates it. */
    public static Index open(Path vault) throws SQLException, IOException {
        Path folder = vault.resolve(".openclone");
        Files.createDirectories(folder);
        Path file = folder.resolve("index.db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try {
            migrate(connection);
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new Index(connection, file);
    }

    /** The one connection; the store's writer thread is its only user. */
    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
    }

    /** The schema version this index is at. */
    public int schemaVersion() throws SQLException {
        return userVersion(connection);
    }

    private static void migrate(Connection connection) throws SQLException {
        int version = userVersion(connection);
        if (version > MIGRATIONS.size()) {
            throw new SQLException("the index has schema version " + version + ", newer than this server knows ("
                    + MIGRATIONS.size() + "); upgrade OpenClone");
        }
        for (int next = version; next < MIGRATIONS.size(); next++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(MIGRATIONS.get(next))) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (next + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("index migration " + MIGRATIONS.get(next) + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The statements of a migration script: split on semicolons at line ends; {@code --} comments dropped. */
    static List<String> statements(String name) {
        try (InputStream in = Index.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(sql.toString().split(";\\s*\n")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
