package dev.openclone.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void seedCurlExampleIsStoredThenSkippedOnReplay() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http.Response first = server.http().ingest(Bodies.SEED_CURL_BODY);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo(
                    "{\"stored\":1,\"skipped\":0,\"redacted\":0,\"file\":\"Braindump/2024-02-18.md\","
                            + "\"files\":[\"Braindump/2024-02-18.md\"]}");

            Http.Response replay = server.http().ingest(Bodies.SEED_CURL_BODY);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.json().get("stored").asInt()).isZero();
            assertThat(replay.json().get("skipped").asInt()).isEqualTo(1);
            assertThat(replay.json().get("file").asText()).isEqualTo("Braindump/2024-02-18.md");

            assertThat(server.file("Braindump/2024-02-18.md")).isEqualTo("""
                    ---
                    title: Braindump 2024-02-18
                    type: Braindump
                    permalink: braindump/2024-02-18
                    date: 2024-02-18
                    ---

                    # Braindump 2024-02-18

                    ### 12:20
                    Device: test-001 · Plugin: my-plugin

                    Hello!

                    ---
                    """);
        }
    }

    @Test
    void audioEntryMatchesTheSpecExample() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("audio_system");
            batch.put("plugin_id", "openclone-mac-audio");
            ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME, "chunk-2026-02-18-14h30-001");
            data.put("text", "We discussed the product roadmap for Q2.");
            data.put("duration", 60);
            data.put("app_name", "Google Meet");
            data.put("confidence", 0.95);

            assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);
            assertThat(server.file("Audio/2024-02-18.md")).endsWith("""
                    # Audio 2024-02-18

                    ### 12:20 · Google Meet
                    Duration: 60 s · Confidence: 0.95 · Device: 550e8400… · Plugin: openclone-mac-audio

                    We discussed the product roadmap for Q2.

                    ---
                    """);
        }
    }

    @Test
    void batchSpanningTwoDaysWritesEachEventToItsOwnDailyFile() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, 1_708_300_799.0, "late").put("text", "just before midnight"); // 2024-02-18 23:59:59Z
            Bodies.event(batch, 1_708_300_800.0, "early").put("text", "just after midnight"); // 2024-02-19 00:00:00Z

            Http.Response response = server.http().ingest(batch.toString());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("stored").asInt()).isEqualTo(2);
            assertThat(response.json().get("file").asText()).isEqualTo("Braindump/2024-02-18.md");
            assertThat(response.json().get("files").toString())
                    .isEqualTo("[\"Braindump/2024-02-18.md\",\"Braindump/2024-02-19.md\"]");
            assertThat(server.file("Braindump/2024-02-18.md")).contains("### 23:59", "just before midnight")
                    .doesNotContain("after");
            assertThat(server.file("Braindump/2024-02-19.md")).contains("### 00:00", "just after midnight")
                    .doesNotContain("before");
        }
    }

    @Test
    void dailyFileDateAndTimeFollowTheConfiguredZone() throws Exception {
        try (TestServer server = TestServer.start(dir, ZoneId.of("Asia/Tokyo"), Clock.systemUTC(), s -> s)) {
            // 2024-02-18T20:30:00Z is 2024-02-19 05:30 in Tokyo.
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, 1_708_288_200.0, "tokyo").put("text", "morning in Tokyo");
            assertThat(server.http().ingest(batch.toString()).json().get("file").asText())
                    .isEqualTo("Braindump/2024-02-19.md");
            assertThat(server.file("Braindump/2024-02-19.md")).contains("### 05:30", "morning in Tokyo");
        }
    }

    @Test
    void duplicatesInsideOneBatchAreSkippedAndDoNotBlockOthers() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, Bodies.SEED_TIME, "same").put("text", "first");
            Bodies.event(batch, Bodies.SEED_TIME, "same").put("text", "second copy, same raw_ref");
            Bodies.event(batch, Bodies.SEED_TIME, null).put("text", "no raw_ref");
            Bodies.event(batch, Bodies.SEED_TIME, null).put("text", "no raw_ref");
            Bodies.event(batch, Bodies.SEED_TIME, "other").put("text", "third");

            Http.Response response = server.http().ingest(batch.toString());

            assertThat(response.json().get("stored").asInt()).isEqualTo(3);
            assertThat(response.json().get("skipped").asInt()).isEqualTo(2);
            String note = server.file("Braindump/2024-02-18.md");
            assertThat(note).contains("first", "third").doesNotContain("second copy");
            assertThat(note.split("no raw_ref", -1)).hasSize(2);
        }
    }

    @Test
    void eventsWithoutRawRefAreIdempotentAcrossRetries() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, Bodies.SEED_TIME, null).put("text", "retry me");
            assertThat(server.http().ingest(batch.toString()).json().get("stored").asInt()).isEqualTo(1);
            // The same event with the timestamp spelled differently and keys in another order: still the same.
            String respelled = "{\"events\":[{\"data\":{\"text\":\"retry me\"},\"timestamp\":1708258800}],"
                    + "\"timestamp\":1708258801,\"source_type\":\"braindump\",\"platform\":\"macos\","
                    + "\"device_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"plugin_id\":\"test-plugin\","
                    + "\"plugin_version\":\"1.0.0\"}";
            Http.Response retry = server.http().ingest(respelled);
            assertThat(retry.json().get("skipped").asInt()).isEqualTo(1);
            // Another device's identical text is another event.
            batch.put("device_id", "another-device");
            assertThat(server.http().ingest(batch.toString()).json().get("stored").asInt()).isEqualTo(1);
        }
    }

    @Test
    void sameRawRefFromAnotherPluginIsAnotherEvent() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY).json().get("stored").asInt()).isEqualTo(1);
            String other = Bodies.SEED_CURL_BODY.replace("\"my-plugin\"", "\"other-plugin\"");
            assertThat(server.http().ingest(other).json().get("stored").asInt()).isEqualTo(1);
        }
    }

    @Test
    void lineAPersonAddedIsKeptAndTheNextEntryStartsOnItsOwnLine() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(Bodies.braindumps("a", "first thought"));
            Path note = server.vault().resolve("Braindump/2024-02-18.md");
            Files.writeString(note, Files.readString(note).replace("first thought", "first thought, edited")
                    + "My own line without newline", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);

            server.http().ingest(Bodies.braindumps("b", "second thought"));

            String text = Files.readString(note);
            assertThat(text).contains("first thought, edited").contains("My own line without newline\n\n### 12:20")
                    .endsWith("second thought\n\n---\n");
        }
    }

    @Test
    void healthAnswersWithoutKeyAndMetricsCountRequestsAndEvents() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http.Response health = server.http().get("/api/v1/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");
            assertThat(health.json().get("version").asText()).isNotBlank();

            server.http().ingest(Bodies.SEED_CURL_BODY);
            server.http().ingest(Bodies.SEED_CURL_BODY);
            server.http().ingest("{}", "wrong-key");

            String metrics = server.http().get("/metrics").body();
            assertThat(metrics).contains("openclone_events_stored_total 1", "openclone_events_skipped_total 1",
                    "openclone_http_requests_total{method=\"POST\",route=\"/api/v1/ingest\",status=\"200\"} 2",
                    "openclone_http_requests_total{method=\"POST\",route=\"/api/v1/ingest\",status=\"401\"} 1",
                    "openclone_ingest_duration_seconds_count 2");
        }
    }

    @Test
    void unknownRouteIs404InTheDetailShape() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http.Response response = server.http().get("/api/v1/nothing-here");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("detail").asText()).isEqualTo("Not Found");
        }
    }
}
