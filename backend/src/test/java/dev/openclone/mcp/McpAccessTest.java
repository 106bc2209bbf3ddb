package dev.openclone.mcp;

import static dev.openclone.support.McpClients.call;
import static dev.openclone.support.McpClients.structured;
import static dev.openclone.support.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.McpClients;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may do what over {@code /mcp}: keys, rights, tenants, rates and the vault's edges. */
class McpAccessTest {

    @TempDir
    Path dir;

    /** One JSON-RPC message to {@code /mcp}, as any streamable HTTP client sends it. */
    static Http.Response post(TestServer server, String authorization, String message) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.http().send(request.build());
    }

    static String toolCall(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void withoutAValidKeyEveryMessageIs401() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\","
                    + "\"version\":\"1\"}}}";
            assertThat(post(server, null, initialize).status()).isEqualTo(401);
            assertThat(post(server, "Bearer wrong-key", initialize).status()).isEqualTo(401);
            assertThat(post(server, "Basic " + TestServer.KEY, toolCall("search", "{}")).status()).isEqualTo(401);
            Http.Response ok = post(server, "Bearer " + TestServer.KEY, initialize);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().at("/result/serverInfo/name").asText()).isEqualTo("openclone");
            Http.Response byHeader = server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/mcp")).header("X-API-Key", TestServer.KEY)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(toolCall("recent_activity", "{}"))).build());
            assertThat(byHeader.status()).isEqualTo(200);
            assertThat(byHeader.json().at("/result/isError").asBoolean()).isFalse();
        }
    }

    @Test
    void aKeyThatMayNotReadIsRefusedReadToolsWith403AndSeesOnlyRemember() throws Exception {
        try (TestServer server = TestServer.start(dir); TenantRegistry registry = TestServer.registry(dir)) {
            String writer = registry.createKey("default", "phone", Set.of(SourceType.BRAINDUMP), false).key();
            String screenOnly = registry.createKey("default", "screen", Set.of(SourceType.SCREEN_OCR), false).key();
            server.awaitKey(writer);
            server.awaitKey(screenOnly);
            for (String tool : new String[] {"search", "timeline", "read_entry", "recent_activity", "recall"}) {
                Http.Response refused = post(server, "Bearer " + writer, toolCall(tool, "{}"));
                assertThat(refused.status()).as(tool).isEqualTo(403);
                assertThat(refused.json().get("id").asInt()).isEqualTo(7);
                assertThat(refused.json().at("/error/code").asInt()).isEqualTo(McpEndpoint.FORBIDDEN);
                assertThat(refused.json().at("/error/message").asText()).startsWith("This key may ");
            }
            assertThat(post(server, "Bearer " + writer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\","
                    + "\"params\":{\"uri\":\"openclone://vault/today\"}}").status()).isEqualTo(403);
            Http.Response other = post(server, "Bearer " + screenOnly, toolCall("remember", "{\"text\":\"x\"}"));
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.json().at("/error/message").asText())
                    .isEqualTo("This key may not write source type 'braindump'; it may write: screen_ocr");

            try (McpSyncClient client = McpClients.connect(server, writer)) {
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("remember");
                McpSchema.CallToolResult remembered = call(client, "remember", Map.of("text", "write-only thought"));
                assertThat(remembered.isError()).as(text(remembered)).isFalse();
                assertThat(server.file("Braindump/" + structured(remembered).get("file").asText()
                        .substring("Braindump/".length()))).contains("write-only thought");
            }
        }
    }

    @Test
    void aKeyReachesItsOwnTenantOnly() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bob = registry.createKey("bob", "agent", Set.of(), true).key();
            server.awaitKey(bob);
            ObjectNode batch = Bodies.batch("screen_ocr");
            Bodies.event(batch, System.currentTimeMillis() / 1000.0 - 60, "a").put("text", "default tenant pelican");
            assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);

            try (McpSyncClient bobs = McpClients.connect(server, bob);
                    McpSyncClient owners = McpClients.connect(server, TestServer.KEY)) {
                assertThat(call(bobs, "remember", Map.of("text", "bob's pelican plan")).isError()).isFalse();
                assertThat(Files.readString(dir.resolve("bob-vault").resolve(structured(call(bobs, "remember",
                        Map.of("text", "second pelican"))).get("file").asText()))).contains("second pelican");

                JsonNode bobFound = structured(McpToolsTest.awaitSearch(bobs, Map.of("q", "pelican")));
                JsonNode ownerFound = structured(McpToolsTest.awaitSearch(owners, Map.of("q", "pelican")));
                assertThat(bobFound.get("hits")).hasSize(2).allSatisfy(hit -> assertThat(hit.get("snippet").asText())
                        .doesNotContain("default tenant"));
                assertThat(ownerFound.get("hits")).singleElement().satisfies(hit -> assertThat(
                        hit.get("snippet").asText()).contains("default tenant"));
                long ownersId = ownerFound.get("hits").get(0).get("id").asLong();
                // Ids are per vault: the owner's id read by bob is bob's own event of that number, or none.
                JsonNode read = structured(call(bobs, "read_entry", Map.of("id", ownersId)));
                assertThat(read.toString()).doesNotContain("default tenant");
                assertThat(structured(call(bobs, "recent_activity", Map.of())).get("events").asInt()).isEqualTo(2);
            }
        }
    }

    @Test
    void toolCallsHaveAPerKeyRate() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.rateLimit(3).rateWindow(Duration.ofMinutes(1)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(server, "Bearer " + TestServer.KEY, toolCall("recent_activity", "{}")).status())
                        .isEqualTo(200);
            }
            Http.Response limited = post(server, "Bearer " + TestServer.KEY, toolCall("recent_activity", "{}"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(limited.json().at("/error/code").asInt()).isEqualTo(McpEndpoint.RATE_LIMITED);
            assertThat(limited.json().at("/error/message").asText()).startsWith("Rate limit exceeded");
            assertThat(post(server, "Bearer " + TestServer.KEY, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                    + "\"tools/list\"}").status()).as("listing is not a tool call").isEqualTo(200);
            Http.Response ingest = server.http().ingest(Bodies.braindumps("r", "ingest counts apart"));
            assertThat(ingest.status()).as("ingest has its own bucket").isEqualTo(200);
        }
    }

    @Test
    void readEntryNeverFollowsALinkOutOfTheVault() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Path outside = dir.resolve("secret.md");
            Files.writeString(outside, "### 10:00\nthe neighbour's secret\n");
            Files.createDirectories(server.vault().resolve("Screen"));
            Files.createSymbolicLink(server.vault().resolve("Screen/2020-01-01.md"), outside);
            try (McpSyncClient client = McpClients.connect(server, TestServer.KEY)) {
                McpSchema.CallToolResult result = call(client, "read_entry", Map.of("file", "Screen/2020-01-01.md",
                        "line", 1));
                assertThat(result.isError()).isTrue();
                assertThat(text(result)).doesNotContain("neighbour").contains("Screen/2020-01-01.md");
            }
        }
    }
}
