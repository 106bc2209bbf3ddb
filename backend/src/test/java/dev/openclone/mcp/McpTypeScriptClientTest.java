package dev.openclone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.event.SourceType;
import dev.openclone.support.Cli;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server driven by the official TypeScript MCP client ({@code @modelcontextprotocol/sdk} from npm, installed by
 * {@code src/test/mcp-client/install.sh}): over streamable HTTP, and over stdio launching {@code openclone mcp}.
 */
class McpTypeScriptClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of("src/test/mcp-client/client.mjs").toAbsolutePath();

    /** Every tool once, then the errors a client must be told clearly. */
    private static final String STEPS = """
            [{"op": "listTools"},
             {"op": "callTool", "name": "remember", "arguments": {"text": "The albatross meeting moved to Tuesday",
              "title": "Albatross", "tags": ["ts-client"]}},
             {"op": "callTool", "name": "search", "arguments": {"q": "albatross", "source_type": ["notes"]}},
             {"op": "callTool", "name": "timeline", "arguments": {}},
             {"op": "callTool", "name": "read_entry", "arguments": {"file": "nowhere.md", "line": 1}},
             {"op": "callTool", "name": "recent_activity", "arguments": {"hours": 1}},
             {"op": "callTool", "name": "recall", "arguments": {"session_key": "agent:x"}},
             {"op": "callTool", "name": "search", "arguments": {"limit": 1000}},
             {"op": "callTool", "name": "no_such_tool", "arguments": {}},
             {"op": "listResources"},
             {"op": "readResource", "uri": "openclone://vault/today"}]
            """;

    @TempDir
    Path dir;

    /** Runs the client; its output, one JSON value per line. */
    static List<JsonNode> run(List<String> args, String steps, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", CLIENT.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("API_KEY");
        builder.environment().remove("OPENCLONE_URL");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(steps.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not JSON from the client: " + line + "\n" + out, e);
            }
        }
        return lines;
    }

    /** The {@code i}-th step's answer (line 0 is the connection). */
    private static JsonNode ok(List<JsonNode> lines, int step) {
        JsonNode line = lines.get(step + 1);
        assertThat(line.has("ok")).as(line.toString()).isTrue();
        return line.get("ok");
    }

    private static String text(JsonNode result) {
        return result.at("/content/0/text").asText();
    }

    private void everyToolAnswers(List<JsonNode> lines) throws Exception {
        assertThat(lines.get(0).at("/server/name").asText()).isEqualTo("openclone");
        assertThat(lines).hasSize(STEPS.split("\"op\"").length);
        List<String> tools = new ArrayList<>();
        ok(lines, 0).get("tools").forEach(tool -> tools.add(tool.get("name").asText()));
        assertThat(tools).containsExactly("search", "timeline", "read_entry", "recent_activity", "recall",
                "remember");
        assertThat(text(ok(lines, 1))).startsWith("Remembered in Notes/");
        assertThat(ok(lines, 2).at("/structuredContent/hits/0/snippet").asText()).as("remembered, then found at once")
                .contains("albatross");
        assertThat(ok(lines, 3).at("/structuredContent/events/0/data/text").asText())
                .isEqualTo("The albatross meeting moved to Tuesday");
        assertThat(ok(lines, 4).get("isError").asBoolean()).isTrue();
        assertThat(text(ok(lines, 4))).contains("nowhere.md is not in the vault");
        assertThat(ok(lines, 5).at("/structuredContent/by_source/notes").asInt()).isEqualTo(1);
        assertThat(text(ok(lines, 6))).startsWith("Recall is off");
        assertThat(text(ok(lines, 7))).isEqualTo("limit: Input should be a whole number from 1 to 100");
        assertThat(lines.get(9).get("error").asText()).contains("Unknown tool: no_such_tool");
        assertThat(ok(lines, 9).get("resources")).hasSize(2);
        assertThat(ok(lines, 10).at("/contents/0/text").asText()).contains("The albatross meeting moved to Tuesday");
    }

    @Test
    void overStreamableHttpWithABearerKey() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String url = "http://127.0.0.1:" + server.port() + "/mcp";
            everyToolAnswers(run(List.of("http", url, TestServer.KEY, "bearer"), STEPS, Map.of()));
            List<JsonNode> found = run(List.of("http", url, TestServer.KEY, "x-api-key"), """
                    [{"op": "callTool", "name": "search", "arguments": {"q": "albatross tuesday"}}]""", Map.of());
            assertThat(ok(found, 0).at("/structuredContent/hits/0/source_type").asText()).isEqualTo("notes");
            assertThat(text(ok(found, 0))).contains("Captured memory follows");

            List<JsonNode> anonymous = run(List.of("http", url, "-"), "[]", Map.of());
            assertThat(anonymous.get(0).get("connectError").asText()).contains("Invalid or missing X-API-Key");
        }
    }

    @Test
    void overStdioThroughOpencloneMcp() throws Exception {
        try (TestServer server = TestServer.start(dir); TenantRegistry registry = TestServer.registry(dir)) {
            String writer = registry.createKey("default", "agent", Set.of(SourceType.NOTES), false).key();
            server.awaitKey(writer);
            List<String> launch = new ArrayList<>(List.of("stdio"));
            launch.addAll(Cli.builder(dir, List.of("mcp")).command());
            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(),
                    "API_KEY", TestServer.KEY);
            everyToolAnswers(run(launch, STEPS, env));

            List<JsonNode> writeOnly = run(launch, """
                    [{"op": "listTools"},
                     {"op": "callTool", "name": "search", "arguments": {"q": "albatross"}},
                     {"op": "callTool", "name": "remember", "arguments": {"text": "from a write-only agent",
                      "title": "w"}}]""", Map.of("OPENCLONE_URL", env.get("OPENCLONE_URL"), "API_KEY", writer));
            assertThat(ok(writeOnly, 0).get("tools")).hasSize(1);
            assertThat(writeOnly.get(2).get("error").asText()).contains("This key may not read");
            assertThat(writeOnly.get(2).get("code").asInt()).isEqualTo(McpEndpoint.FORBIDDEN);
            assertThat(text(ok(writeOnly, 2))).startsWith("Remembered in Notes/");

            List<JsonNode> refused = run(launch, "[]", Map.of("OPENCLONE_URL", env.get("OPENCLONE_URL"),
                    "API_KEY", "not-a-key"));
            assertThat(refused.get(0).get("connectError").asText()).contains("401", "Invalid or missing X-API-Key");
        }
    }
}
