package dev.openclone.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationConfigParser;
import dev.openclone.conversation.RecallFile;
import dev.openclone.support.TestServer;
import dev.openclone.support.Turns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forgotten conversation turn leaves its daily note, the index, search and its recall file. */
class ForgetConversationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "agent:home:discord:channel:7";

    @TempDir
    Path dir;

    @Test
    void aForgottenTurnLeavesTheRecallFileToo() throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(JSON.readTree(
                "{\"timezone\": \"UTC\", \"recallTurns\": 10}"), ZoneId.of("UTC"));
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.conversation(config))) {
            assertThat(server.http().ingest(Turns.turn(SESSION, "t1", "what is the vault code", "it is 4471 mango",
                    "2026-06-01T10:00:00Z")).status()).isEqualTo(200);
            assertThat(server.http().ingest(Turns.turn(SESSION, "t2", "and the weather", "sunny", "2026-06-01T10:05:00Z")).status())
                    .isEqualTo(200);
            dev.openclone.support.Searching.awaitSearch(server, "mango", 1);

            JsonNode done = ForgetTest.forget(server, TestServer.KEY, "{\"query\": \"mango\"}").json();
            assertThat(done.get("forgotten").asInt()).as(done.toString()).isEqualTo(1);

            String recallPath = "recall/" + RecallFile.fileName(SESSION);
            assertThat(Files.readString(server.vault().resolve(recallPath))).doesNotContain("mango").contains("sunny");
            JsonNode recalled = server.http().get("/api/v1/recall?session_key=" + URLEncoder.encode(SESSION,
                    StandardCharsets.UTF_8), TestServer.KEY).json();
            assertThat(recalled.get("turns")).hasSize(1);
            assertThat(recalled.get("text").asText()).doesNotContain("mango");
            assertThat(Files.readString(server.vault().resolve("conversations/conversations-2026-06-01.md")))
                    .doesNotContain("mango").contains("sunny");
            assertThat(dev.openclone.support.Searching.search(server, "mango").get("hits")).isEmpty();
        }
    }
}
