package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.support.AgentConfigFile;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.CaldavMock;
import dev.openclone.support.TestServer;
import dev.openclone.support.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calendar plugin end to end: the capture agent reading an .ics file and a local CalDAV server, a real
 * OpenClone server receiving the occurrences; then the calendar changes (an event moved, one cancelled, one
 * deleted) and the vault holds only the last state of each.
 */
class CalendarAgentTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    @TempDir
    Path dir;

    private final ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);

    private static String vevent(String uid, String extra) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20260101T000000Z\r\n" + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private String at(ZonedDateTime t) {
        return UTC.format(t);
    }

    @Test
    void occurrencesArriveOnceAndChangesReplaceWhatWasStored() throws Exception {
        Path ics = dir.resolve("holidays.ics");
        Files.writeString(ics, vevent("review@test", "DTSTART:" + at(now.minusDays(2)) + "\r\nDTEND:"
                + at(now.minusDays(2).plusHours(1)) + "\r\nSUMMARY:Quarterly review\r\nLOCATION:Board room\r\n"
                + "ATTENDEE;CN=Grace Hopper:mailto:grace@example.com\r\n"));
        try (TestServer server = TestServer.start(dir.resolve("server"));
                CaldavMock caldav = CaldavMock.start("walrus", "app-password-one")) {
            // daily in New York time from 5 days ago, half past this hour (so that no occurrence sits on the edge
            // of the window, now + 23 h, while the test runs), one day excepted
            ZonedDateTime first = now.plusMinutes(30).minusDays(5)
                    .withZoneSameInstant(java.time.ZoneId.of("America/New_York"));
            caldav.put("walk.ics", vevent("walk@test", "DTSTART;TZID=America/New_York:" + LOCAL.format(first)
                    + "\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=12\r\nEXDATE;TZID=America/New_York:"
                    + LOCAL.format(first.plusDays(1)) + "\r\nSUMMARY:Dog walk\r\n"));
            caldav.put("dentist.ics", vevent("dentist@test", "DTSTART:" + at(now.minusHours(3)) + "\r\nDTEND:"
                    + at(now.minusHours(2)) + "\r\nSUMMARY:Dentist\r\n"));
            caldav.put("lunch.ics", vevent("lunch@test", "DTSTART:" + at(now.plusHours(2)) + "\r\nDTEND:"
                    + at(now.plusHours(3)) + "\r\nSUMMARY:Lunch with Sam\r\n"));
            caldav.put("later.ics", vevent("later@test", "DTSTART:" + at(now.plusDays(3)) + "\r\nSUMMARY:Trip\r\n"));
            Files.writeString(dir.resolve("caldav.password"), "app-password-one\n");
            Path config = config(server, List.of(ics.toString()), caldav.url());
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run"), (String) null, "--config",
                    config.toString())) {
                JsonNode review;
                try {
                    review = calendar(server).await(e -> e.at("/data/title").asText().equals("Quarterly review"), 40);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the agent said: " + agent.stderr(), e);
                }
                assertThat(review.at("/data/location").asText()).isEqualTo("Board room");
                assertThat(review.get("timestamp").asLong()).isEqualTo(now.minusDays(2).toEpochSecond());
                calendar(server).await(e -> e.at("/data/title").asText().equals("Lunch with Sam"), 40);
                calendar(server).await(e -> e.at("/data/title").asText().equals("Dentist"), 40);
                Thread.sleep(2000);
                List<JsonNode> walks = calendar(server).events().stream()
                        .filter(e -> e.at("/data/title").asText().equals("Dog walk")).toList();
                long expectedWalks = java.util.stream.IntStream.range(0, 12).mapToObj(first::plusDays)
                        .filter(d -> !d.equals(first.plusDays(1)))
                        .filter(d -> d.toEpochSecond() < now.plusHours(23).toEpochSecond()).count();
                assertThat(walks).hasSize((int) expectedWalks);
                String local = "T" + first.toLocalTime() + "-0";
                assertThat(walks).allSatisfy(w -> assertThat(w.at("/data/start").asText()).contains(local));
                assertThat(calendar(server).events()).noneMatch(e -> e.at("/data/title").asText().equals("Trip"));
                int before = calendar(server).events().size();

                caldav.put("dentist.ics", vevent("dentist@test", "DTSTART:" + at(now.minusHours(3)) + "\r\nDTEND:"
                        + at(now.minusHours(1)) + "\r\nSUMMARY:Dentist (root canal)\r\n"));
                caldav.put("lunch.ics", vevent("lunch@test", "DTSTART:" + at(now.plusHours(2)) + "\r\nDTEND:"
                        + at(now.plusHours(3)) + "\r\nSUMMARY:Lunch with Sam\r\nSTATUS:CANCELLED\r\n"));
                Files.writeString(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n");
                calendar(server).await(e -> e.at("/data/title").asText().equals("Dentist (root canal)"), 40);
                calendar(server).await(e -> e.at("/data/title").asText().equals("Cancelled: Lunch with Sam"), 40);
                calendar(server).await(e -> e.at("/data/title").asText().equals("Deleted: Quarterly review"), 40);
                Thread.sleep(2000);
                List<JsonNode> after = calendar(server).events();
                assertThat(after).hasSize(before);
                assertThat(after).extracting(e -> e.at("/data/title").asText())
                        .doesNotContain("Dentist", "Lunch with Sam", "Quarterly review");
            }
            String vault = allFiles(server);
            assertThat(vault).contains("Dentist (root canal)", "Cancelled: Lunch with Sam", "Dog walk")
                    .doesNotContain("Board room", "Trip");
        }
    }

    @Test
    void aRefusedCaldavPasswordIsOneLine() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"));
                CaldavMock caldav = CaldavMock.start("walrus", "app-password-one")) {
            Files.writeString(dir.resolve("caldav.password"), "wrong-password\n");
            AgentProcess.Result run = AgentProcess.run(dir.resolve("run"), (String) null, Duration.ofSeconds(60),
                    "--config", config(server, List.of(), caldav.url()).toString(), "--once");
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr()).contains("the CalDAV server at 127.0.0.1 refused the user or password (401)")
                    .doesNotContain("wrong-password", "Exception");
        }
    }

    private static Timeline calendar(TestServer server) {
        return Timeline.of(server, "calendar", Duration.ofDays(40), Duration.ofDays(2));
    }

    private Path config(TestServer server, List<String> calendars, String caldav) throws Exception {
        return AgentConfigFile.write(dir, server, dir.resolve("state"), "openclone-calendar", plugin -> {
            calendars.forEach(plugin.putArray("calendars")::add);
            plugin.put("caldav_url", caldav).put("caldav_user", "walrus")
                    .put("caldav_password_file", dir.resolve("caldav.password").toString())
                    .put("interval_seconds", 1).put("timezone", "UTC");
        });
    }

    private static String allFiles(TestServer server) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(server.vault().resolve("Calendar"))) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
