package dev.openclone.health;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Health Connect export (Android: Health Connect → Export data; the zip holds {@code health_connect_export.db}, an
 * SQLite file) read table by table, row by row, into {@link HealthAggregates}. Opened read-only; tables and columns
 * an export lacks are passed over. Times are epoch milliseconds with a zone offset in seconds; energy is stored in
 * calories (1/1000 kcal), distance in metres, weight in grams.
 */
public final class HealthConnect {

    /** A table of single samples: its time column, offset column, value column, metric and factor. */
    private record Samples(String table, String time, String offset, String value, String metric, double factor) {
    }

    private static final List<Samples> SAMPLES = List.of(
            new Samples("steps_record_table", "start_time", "start_zone_offset", "count", "steps", 1),
            new Samples("resting_heart_rate_record_table", "time", "zone_offset", "beats_per_minute",
                    "resting_heart_rate", 1),
            new Samples("heart_rate_variability_rmssd_record_table", "time", "zone_offset",
                    "heart_rate_variability_millis", "hrv", 1),
            new Samples("active_calories_burned_record_table", "start_time", "start_zone_offset", "energy",
                    "active_energy", 0.001),
            new Samples("distance_record_table", "start_time", "start_zone_offset", "distance", "distance_km", 0.001),
            new Samples("floors_climbed_record_table", "start_time", "start_zone_offset", "floors", "floors", 1),
            new Samples("weight_record_table", "time", "zone_offset", "weight", "weight_kg", 0.001),
            new Samples("oxygen_saturation_record_table", "time", "zone_offset", "percentage", "blood_oxygen", 1),
            new Samples("respiratory_rate_record_table", "time", "zone_offset", "rate", "respiratory_rate", 1));

    private HealthConnect() {
    }

    /** Reads every known table; returns how many rows were read. */
    public static long read(Path database, HealthAggregates into) throws IOException {
        long rows = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath()
                + "?mode=ro")) {
            Set<String> tables = tables(db);
            if (tables.stream().noneMatch(t -> t.endsWith("_record_table"))) {
                throw new IOException("not a Health Connect export (no *_record_table in it)");
            }
            for (Samples s : SAMPLES) {
                if (tables.contains(s.table()) && columns(db, s.table()).containsAll(List.of(s.time(), s.value()))) {
                    boolean offset = columns(db, s.table()).contains(s.offset());
                    rows += each(db, "SELECT " + s.time() + ", " + (offset ? s.offset() : "0") + ", " + s.value()
                            + ", " + source(db, s.table()) + " FROM " + s.table(), rs -> into.add(s.metric(),
                            at(rs.getLong(1), rs.getInt(2)), rs.getDouble(3) * s.factor(), rs.getString(4)));
                }
            }
            if (tables.contains("heart_rate_record_series_table") && tables.contains("heart_rate_record_table")) {
                rows += each(db, "SELECT s.epoch_millis, r.start_zone_offset, s.beats_per_minute, "
                        + source(db, "heart_rate_record_table").replace("app_info_id", "r.app_info_id")
                        + " FROM heart_rate_record_series_table s JOIN heart_rate_record_table r "
                        + "ON s.parent_key = r.row_id", rs -> into.add("heart_rate", at(rs.getLong(1), rs.getInt(2)),
                        rs.getDouble(3), rs.getString(4)));
            }
            if (tables.contains("sleep_session_record_table")) {
                rows += each(db, "SELECT start_time, end_time, end_zone_offset, "
                        + source(db, "sleep_session_record_table") + " FROM sleep_session_record_table",
                        rs -> into.add("sleep_hours", at(rs.getLong(2), rs.getInt(3)),
                                (rs.getLong(2) - rs.getLong(1)) / 3_600_000.0, rs.getString(4)));
            }
            if (tables.contains("exercise_session_record_table")) {
                Set<String> columns = columns(db, "exercise_session_record_table");
                rows += each(db, "SELECT start_time, end_time, start_zone_offset, "
                        + (columns.contains("title") ? "title" : "NULL") + ", "
                        + (columns.contains("exercise_type") ? "exercise_type" : "0")
                        + " FROM exercise_session_record_table", rs -> {
                            String title = rs.getString(4);
                            into.workout(at(rs.getLong(1), rs.getInt(3)), title == null || title.isBlank()
                                    ? "Exercise type " + rs.getInt(5) : title,
                                    Math.round((rs.getLong(2) - rs.getLong(1)) / 600.0) / 100.0, null, null);
                        });
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + database.getFileName() + " as a Health Connect export: "
                    + e.getMessage(), e);
        }
        return rows;
    }

    private interface Row {
        void take(ResultSet rs) throws SQLException;
    }

    private static long each(Connection db, String sql, Row row) throws SQLException {
        long n = 0;
        try (PreparedStatement select = db.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                row.take(rs);
                n++;
            }
        }
        return n;
    }

    private static String source(Connection db, String table) throws SQLException {
        return columns(db, table).contains("app_info_id") ? "CAST(app_info_id AS TEXT)" : "'health-connect'";
    }

    private static OffsetDateTime at(long epochMillis, int offsetSeconds) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
    }

    private static Set<String> tables(Connection db) throws SQLException {
        Set<String> names = new HashSet<>();
        each(db, "SELECT name FROM sqlite_master WHERE type = 'table'", rs -> names.add(rs.getString(1)));
        return names;
    }

    private static Set<String> columns(Connection db, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        each(db, "PRAGMA table_info(" + table + ")", rs -> names.add(rs.getString(2)));
        return names;
    }
}
