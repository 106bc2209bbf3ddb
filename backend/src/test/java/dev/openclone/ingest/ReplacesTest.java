package dev.openclone.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event that replaces a plugin's earlier ones ({@code replaces}): the earlier ones are forgotten. */
class ReplacesTest {

    @TempDir
    Path dir;

    private static String calendar(String plugin, String rawRef, String title, String replaces) {
        return """
                {"source_type": "calendar", "platform": "linux", "device_id": "d1", "plugin_id": "%s",
                 "plugin_version": "1.0.0", "timestamp": 1790000000,
                 "events": [{"timestamp": 1790000000, "raw_ref": "%s", %s
                   "data": {"title": "%s", "start": "2026-09-21T10:00:00Z"}}]}
                """.formatted(plugin, rawRef, replaces == null ? "" : "\"replaces\": " + replaces + ",", title);
    }

    @Test
    void theReplacedEntryLeavesTheVaultTheIndexAndTheTimeline() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http http = server.http();
            assertThat(http.ingest(calendar("cal", "standup@1", "Standup in room 4", null)).status()).isEqualTo(200);
            assertThat(http.ingest(calendar("other", "standup@1", "Another plugin's event", null)).status())
                    .isEqualTo(200);
            Http.Response moved = http.ingest(calendar("cal", "standup@2", "Standup in room 7", "\"standup@1\""));
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.json().get("replaced").asInt()).isEqualTo(1);
            String day = server.file("Calendar/2026-09-21.md");
            assertThat(day).contains("Standup in room 7", "Another plugin's event").doesNotContain("room 4");
            JsonNode timeline = http.get("/api/v1/timeline?date=2026-09-21", TestServer.KEY).json();
            assertThat(timeline.get("events")).hasSize(2);

            // sent again (a lost answer): nothing more happens; the old one stays forgotten, even if re-sent
            Http.Response again = http.ingest(calendar("cal", "standup@2", "Standup in room 7", "[\"standup@1\"]"));
            assertThat(again.json().get("skipped").asInt()).isEqualTo(1);
            assertThat(again.json().has("replaced")).isFalse();
            assertThat(http.ingest(calendar("cal", "standup@1", "Standup in room 4", null)).json().get("skipped")
                    .asInt()).isEqualTo(1);
            assertThat(server.file("Calendar/2026-09-21.md")).doesNotContain("room 4");
        }
    }

    @Test
    void badReplacesAreRefusedWithTheirPlace() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http.Response wrong = server.http().ingest(calendar("cal", "a", "A", "[]"));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.body()).contains("\"loc\":[\"body\",\"events\",0,\"replaces\"]", "List should have 1 to 100 items");
            Http.Response number = server.http().ingest(calendar("cal", "a", "A", "[7]"));
            assertThat(number.body()).contains("\"loc\":[\"body\",\"events\",0,\"replaces\",0]", "Input should be a valid string");
        }
    }
}
