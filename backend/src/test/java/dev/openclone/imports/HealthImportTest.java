package dev.openclone.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.support.Cli;
import dev.openclone.support.TestServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone import health} with generated Apple Health and Health Connect exports, against a real server. */
class HealthImportTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE HealthData [
            <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
            <!ATTLIST HealthData locale CDATA #REQUIRED>
            ]>
            <HealthData locale="en_GB">
            """;

    /** Two days of records (Nov 2 and 3, Europe +01:00), exported on Nov 4 at 10:00. */
    private static String export(String exportDate, String more) {
        return HEAD + " <ExportDate value=\"" + exportDate + "\"/>\n"
                + " <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1980-01-01\"/>\n"
                + steps("iPhone", "2026-11-02 09:00:00 +0100", 400) + steps("iPhone", "2026-11-02 09:30:00 +0100", 300)
                + steps("Apple Watch", "2026-11-02 09:10:00 +0100", 650)
                + steps("iPhone", "2026-11-02 18:00:00 +0100", 1000)
                + steps("iPhone", "2026-11-03 08:00:00 +0100", 2500)
                + quantity("HeartRate", "count/min", "2026-11-02 09:05:00 +0100", "60")
                + quantity("HeartRate", "count/min", "2026-11-02 09:45:00 +0100", "80")
                + quantity("HeartRateVariabilitySDNN", "ms", "2026-11-02 07:00:00 +0100", "45.5")
                + quantity("ActiveEnergyBurned", "kJ", "2026-11-02 09:00:00 +0100", "418.4")
                + quantity("DistanceWalkingRunning", "km", "2026-11-02 09:00:00 +0100", "1.25")
                + quantity("BodyMass", "kg", "2026-11-02 07:00:00 +0100", "72.4")
                + quantity("StepCount", "count", "2026-11-02 10:00:00 +0100", "abc")
                + sleep("AsleepCore", "2026-11-01 23:30:00 +0100", "2026-11-02 03:30:00 +0100")
                + sleep("AsleepDeep", "2026-11-02 03:30:00 +0100", "2026-11-02 05:00:00 +0100")
                + sleep("InBed", "2026-11-01 23:00:00 +0100", "2026-11-02 07:00:00 +0100")
                + " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"31.5\" durationUnit=\"min\""
                + " totalDistance=\"5.2\" totalDistanceUnit=\"km\" totalEnergyBurned=\"320\" totalEnergyBurnedUnit=\"kcal\""
                + " sourceName=\"Apple Watch\" startDate=\"2026-11-02 17:00:00 +0100\" endDate=\"2026-11-02 17:31:30 +0100\"/>\n"
                + " <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"45\" durationUnit=\"min\""
                + " sourceName=\"Apple Watch\" startDate=\"2026-11-03 07:00:00 +0100\" endDate=\"2026-11-03 07:45:00 +0100\">\n"
                + "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceCycling\" sum=\"15.5\" unit=\"km\"/>\n"
                + " </Workout>\n" + more + "</HealthData>\n";
    }

    private static String steps(String source, String start, int count) {
        return " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"" + source + "\" unit=\"count\" "
                + "startDate=\"" + start + "\" endDate=\"" + start + "\" value=\"" + count + "\"/>\n";
    }

    private static String quantity(String type, String unit, String start, String value) {
        return " <Record type=\"HKQuantityTypeIdentifier" + type + "\" sourceName=\"iPhone\" unit=\"" + unit
                + "\" startDate=\"" + start + "\" endDate=\"" + start + "\" value=\"" + value + "\"/>\n";
    }

    private static String sleep(String value, String start, String end) {
        return " <Record type=\"HKCategoryTypeIdentifierSleepAnalysis\" sourceName=\"Apple Watch\" "
                + "startDate=\"" + start + "\" endDate=\"" + end + "\" value=\"HKCategoryValueSleepAnalysis" + value
                + "\"/>\n";
    }

    private Path zip(String name, String xml) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("apple_health_export/export_cda.xml"));
            zip.write("<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("apple_health_export/export.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void anAppleExportBecomesDaysHoursAndWorkoutsAtTheirOwnTimesOnce() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Map<String, String> env = env(server);
            // exported Nov 3 at 20:00: Nov 3 is not over, its day is left for the next export
            Path first = zip("export.zip", export("2026-11-03 20:00:00 +0100", ""));
            Cli.Result run = Cli.run(dir, env, List.of("import", "health", first.toString()));
            assertThat(run.code()).as(run.stderr()).isZero();
            assertThat(run.stderr()).contains("1 records could not be read, the first at [line ",
                    "value \"abc\" is not a number");
            JsonNode nov2 = only(events(server), "day", "2026-11-02T00:00+01:00");
            assertThat(nov2.at("/data/steps").asDouble()).isEqualTo(1700); // the iPhone's 1700 over the watch's 650
            assertThat(nov2.at("/data/heart_rate").asDouble()).isEqualTo(70);
            assertThat(nov2.at("/data/hrv").asDouble()).isEqualTo(45.5);
            assertThat(nov2.at("/data/active_energy").asDouble()).isEqualTo(100);
            assertThat(nov2.at("/data/weight_kg").asDouble()).isEqualTo(72.4);
            assertThat(nov2.at("/data/sleep_hours").asDouble()).isEqualTo(5.5); // core + deep, not in bed
            assertThat(only(events(server), "hour", "2026-11-02T09:00+01:00").at("/data/steps").asDouble())
                    .isEqualTo(700);
            assertThat(events(server)).noneMatch(e -> e.at("/data/period").asText().equals("day")
                    && e.at("/data/_start").asText().startsWith("2026-11-03"));
            assertThat(days(server)).containsExactly("2026-11-02");
            JsonNode run1 = workout(server, "Running");
            assertThat(run1.get("timestamp").asLong()).isEqualTo(java.time.OffsetDateTime
                    .parse("2026-11-02T17:00+01:00").toEpochSecond());
            assertThat(run1.at("/data/distance_km").asDouble()).isEqualTo(5.2);
            assertThat(run1.at("/data/exercise_minutes").asDouble()).isEqualTo(31.5);
            assertThat(workout(server, "Cycling").at("/data/distance_km").asDouble()).isEqualTo(15.5);
            String file = server.file("Health/2026-11-01.md") + server.file("Health/2026-11-02.md");
            assertThat(file).contains("· Day\n", "- Steps: 1700", "- Sleep: 5.5 h", "- Heart rate: 70 bpm",
                    "· Running\n", "- Exercise: 31.5 min");
            int count = events(server).size();

            Cli.Result again = Cli.run(dir, env, List.of("import", "health", first.toString()));
            assertThat(again.stdout()).contains(": 0 stored, " + count + " already there");

            // a newer export: Nov 3 is over now, and only what is new is stored
            Path newer = zip("export-newer.zip", export("2026-11-04 10:00:00 +0100",
                    steps("iPhone", "2026-11-03 21:00:00 +0100", 500)));
            Cli.Result update = Cli.run(dir, env, List.of("import", "health", newer.toString()));
            assertThat(update.code()).isZero();
            assertThat(days(server)).containsExactly("2026-11-02", "2026-11-03");
            assertThat(only(events(server), "day", "2026-11-03T00:00+01:00").at("/data/steps").asDouble())
                    .isEqualTo(3000);
        }
    }

    @Test
    void aBrokenFileIsOneLineWithItsPlaceAndWhatCameBeforeIsImported() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            String xml = export("2026-11-05 10:00:00 +0100", "");
            Path broken = dir.resolve("export.xml");
            Files.writeString(broken, xml.substring(0, xml.indexOf(" <Workout")) + " <Record type=\"HKQuan");
            Cli.Result run = Cli.run(dir, env(server), List.of("import", "health", broken.toString()));
            assertThat(run.code()).isZero();
            assertThat(run.stderr()).containsPattern("export.xml: line \\d+, column \\d+: not well-formed XML")
                    .contains("the records before it are imported").doesNotContain("Exception");
            assertThat(days(server)).contains("2026-11-02");
            Cli.Result notOne = Cli.run(dir, env(server), List.of("import", "health", dir.resolve("x.txt")
                    .toString()));
            assertThat(notOne.code()).isEqualTo(2);
        }
    }

    @Test
    void aHealthConnectExport() throws Exception {
        Path db = dir.resolve("health_connect_export.db");
        long nov2 = java.time.OffsetDateTime.parse("2026-11-02T09:00+01:00").toInstant().toEpochMilli();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE steps_record_table (row_id INTEGER PRIMARY KEY, app_info_id INTEGER, "
                    + "start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, "
                    + "count INTEGER)");
            s.execute("CREATE TABLE heart_rate_record_table (row_id INTEGER PRIMARY KEY, app_info_id INTEGER, "
                    + "start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER)");
            s.execute("CREATE TABLE heart_rate_record_series_table (parent_key INTEGER, beats_per_minute INTEGER, "
                    + "epoch_millis INTEGER)");
            s.execute("CREATE TABLE sleep_session_record_table (row_id INTEGER PRIMARY KEY, app_info_id INTEGER, "
                    + "start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER)");
            s.execute("CREATE TABLE exercise_session_record_table (row_id INTEGER PRIMARY KEY, app_info_id INTEGER, "
                    + "start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, "
                    + "exercise_type INTEGER, title TEXT)");
            s.execute("INSERT INTO steps_record_table VALUES (1, 1, " + nov2 + ", 3600, " + (nov2 + 600_000)
                    + ", 3600, 1234)");
            s.execute("INSERT INTO steps_record_table VALUES (2, 1, " + (nov2 + 86_400_000L) + ", 3600, "
                    + (nov2 + 86_400_000L + 600_000) + ", 3600, 99)");
            s.execute("INSERT INTO heart_rate_record_table VALUES (1, 1, " + nov2 + ", 3600, " + nov2 + ", 3600)");
            s.execute("INSERT INTO heart_rate_record_series_table VALUES (1, 62, " + nov2 + "), (1, 66, "
                    + (nov2 + 60_000) + ")");
            s.execute("INSERT INTO sleep_session_record_table VALUES (1, 1, " + (nov2 - 9 * 3_600_000L) + ", 3600, "
                    + (nov2 - 2 * 3_600_000L) + ", 3600)");
            s.execute("INSERT INTO exercise_session_record_table VALUES (1, 1, " + (nov2 + 3_600_000L) + ", 3600, "
                    + (nov2 + 5_400_000L) + ", 3600, 56, 'Morning swim')");
        }
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Cli.Result run = Cli.run(dir, env(server), List.of("import", "health", db.toString()));
            assertThat(run.code()).as(run.stderr()).isZero();
            JsonNode day = only(events(server), "day", "2026-11-02T00:00+01:00");
            assertThat(day.at("/data/steps").asDouble()).isEqualTo(1234);
            assertThat(day.at("/data/heart_rate").asDouble()).isEqualTo(64);
            assertThat(day.at("/data/sleep_hours").asDouble()).isEqualTo(7);
            assertThat(day.at("/data/source").asText()).isEqualTo("health-connect");
            assertThat(workout(server, "Morning swim").at("/data/exercise_minutes").asDouble()).isEqualTo(30);
            assertThat(days(server)).containsExactly("2026-11-02"); // Nov 3 was still running
        }
    }

    private static Map<String, String> env(TestServer server) {
        return Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY", TestServer.KEY);
    }

    private static List<JsonNode> events(TestServer server) throws Exception {
        JsonNode answer = server.http().get("/api/v1/timeline?source_type=health&from=2026-10-25&to=2026-11-10",
                TestServer.KEY).json();
        List<JsonNode> events = new ArrayList<>();
        answer.get("events").forEach(e -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) e.get("data")).put("_start",
                    java.time.Instant.ofEpochSecond(e.get("timestamp").asLong()).atOffset(java.time.ZoneOffset
                            .ofHours(1)).toString());
            events.add(e);
        });
        return events;
    }

    private static JsonNode only(List<JsonNode> events, String period, String start) {
        List<JsonNode> found = events.stream().filter(e -> e.at("/data/period").asText().equals(period)
                && e.at("/data/_start").asText().equals(start)).toList();
        assertThat(found).as(period + " " + start + " in " + events).hasSize(1);
        return found.get(0);
    }

    private static List<String> days(TestServer server) throws Exception {
        return events(server).stream().filter(e -> e.at("/data/period").asText().equals("day"))
                .map(e -> e.at("/data/_start").asText().substring(0, 10)).sorted().toList();
    }

    private static JsonNode workout(TestServer server, String activity) throws Exception {
        return events(server).stream().filter(e -> e.at("/data/workout").asText().equals(activity)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + activity + " workout"));
    }
}
