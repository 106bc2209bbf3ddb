package dev.openclone.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * What a tool answers: text a model reads (captured content fenced as data, see {@link DataText}) and, on success,
 * the same answer as structured content (the JSON the HTTP API gives).
 */
record ToolResult(String text, Object structured, boolean error) {

    static ToolResult ok(String text, Object structured) {
        return new ToolResult(text, structured, false);
    }

    static ToolResult error(String text) {
        return new ToolResult(text, Map.of("error", text), true);
    }

    McpSchema.CallToolResult toMcp() {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(text)
                .isError(error);
        if (!error) {
            result.structuredContent(structured);
        }
        return result.build();
    }
}
