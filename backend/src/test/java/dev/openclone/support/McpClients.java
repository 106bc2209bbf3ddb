package dev.openclone.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The official MCP Java SDK's client, connected to a test server's {@code /mcp} with a key. */
public final class McpClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private McpClients() {
    }

    /** An initialized client that sends {@code key} as {@code Authorization: Bearer}. */
    public static McpSyncClient connect(TestServer server, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JSON))
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("openclone-test", "1.0.0")).build();
        client.initialize();
        return client;
    }

    public static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text a model reads. */
    public static String text(McpSchema.CallToolResult result) {
        return result.content().stream().map(content -> ((McpSchema.TextContent) content).text())
                .collect(Collectors.joining("\n"));
    }

    /** The structured content, as a JSON tree. */
    public static JsonNode structured(McpSchema.CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }
}
