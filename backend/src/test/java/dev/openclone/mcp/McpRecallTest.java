package dev.openclone.mcp;

import static dev.openclone.support.McpClients.call;
import static dev.openclone.support.McpClients.structured;
import static dev.openclone.support.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationConfigParser;
import dev.openclone.support.McpClients;
import dev.openclone.support.TestServer;
import dev.openclone.support.Turns;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recall} over MCP answers what {@code GET /api/v1/recall} answers, fenced as data for the model. */
class McpRecallTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "agent:home:discord:channel:42";

    @TempDir
    Path dir;

    @Test
    void recallGivesTheEndpointsAnswerAndItsText() throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(JSON.readTree(
                "{\"timezone\": \"UTC\", \"recallTurns\": 5}"), ZoneId.of("UTC"));
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.conversation(config));
                McpSyncClient client = McpClients.connect(server, TestServer.KEY)) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.http().ingest(Turns.turn(SESSION, "t" + i, "question " + i, "answer " + i,
                        "2026-06-01T10:0" + i + ":00Z")).status()).isEqualTo(200);
            }
            McpSchema.CallToolResult recalled = call(client, "recall", Map.of("session_key", SESSION, "max_turns", 2));
            assertThat(recalled.isError()).as(text(recalled)).isFalse();
            String endpoint = server.http().get("/api/v1/recall?session_key=" + URLEncoder.encode(SESSION,
                    StandardCharsets.UTF_8) + "&max_turns=2", TestServer.KEY).body();
            assertThat(structured(recalled)).isEqualTo(JSON.readTree(endpoint));
            assertThat(structured(recalled).get("turns")).hasSize(2);
            assertThat(text(recalled)).contains(DataText.NOTICE).contains("```text\n"
                    + JSON.readTree(endpoint).get("text").asText());
            assertThat(text(recalled)).contains("answer 2").doesNotContain("answer 0");
        }
    }
}
