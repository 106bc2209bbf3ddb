package dev.openclone.index;

import dev.openclone.files.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Opens an SQLite file the way OpenClone keeps all its state: WAL journal, {@code synchronous=FULL} (a commit is
 * on disk when it returns), foreign keys on, and a schema brought up to date by numbered migrations
 * ({@code db/migration/<set>/V<n>__<name>.sql}, applied in order, tracked in {@code PRAGMA user_version}).
 */
public final class Database {

    private Database() {
    }

    /**
     * Opens (creating if needed) and migrates {@code file}. The connection is returned in manual-commit mode.
     *
     * @param set        the migration folder under {@code db/migration}
     * @param migrations the scripts in that folder, in order; the n-th brings the schema to version n
     */
    public static Connection open(Path file, String set, List<String> migrations) throws SQLException, IOException {
        OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            // Created here, mode 600, rather than by SQLite (644): its -wal and -shm files take the same mode.
            try {
                OwnerOnly.create(file);
            } catch (FileAlreadyExistsException raced) {
                // opened meanwhile by another connection
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try {
            migrate(connection, set, migrations);
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The schema version of an open database. */
    public static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Changes whenever another connection commits to the same file: a cheap way to notice outside writes. */
    public static long dataVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void migrate(Connection connection, String set, List<String> migrations) throws SQLException {
        int version = userVersion(connection);
        if (version > migrations.size()) {
            throw new SQLException("the database has schema version " + version + ", newer than this server knows ("
                    + migrations.size() + "); upgrade OpenClone");
        }
        for (int next = version; next < migrations.size(); next++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(set + "/" + migrations.get(next))) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (next + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("migration " + set + "/" + migrations.get(next) + " failed: " + e.getMessage(),
                        e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The statements of a migration script: split on semicolons at line ends; {@code --} comments dropped. */
    static List<String> statements(String name) {
        try (InputStream in = Database.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return Arrays.stream(sql.toString().split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
