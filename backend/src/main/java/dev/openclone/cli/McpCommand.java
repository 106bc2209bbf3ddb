package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code openclone mcp}: the memory as an MCP server on standard input and output, for clients that launch a
 * command (Claude Desktop, OpenClaw). It relays each JSON-RPC message, one per line, to the running server's
 * {@code /mcp} with the key, and writes the server's answer back as one line: the tools run in the server, with
 * the key's tenant and rights, exactly as over HTTP. Standard output carries the protocol only; anything else goes
 * to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the memory to an AI agent over MCP on stdin/stdout.",
            "For clients that launch a command (Claude Desktop).",
            "Relays every message to the running server's /mcp endpoint, with the key: tools search, timeline,",
            "read_entry, recent_activity, recall and remember. Start the server first (./openclone serve).",
            "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
            "Key: API_KEY, else backend/.env. See docs/mcp.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the client closed standard input", "2:no API key (the reason is printed)"})
public final class McpCommand extends ClientCommand {

    /** The error code of a message the server could not be asked (unreachable, or it refused the key). */
    static final int SERVER_UNAVAILABLE = -32000;
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json, text/event-stream");

    @Override
    int run(ServerConnection server) throws Exception {
        PrintStream protocol = System.out;
        // Whatever else would print to standard output (a library's warning) must not break the protocol.
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Optional<String> answer = relay(server, line);
            if (answer.isPresent()) {
                protocol.print(answer.get() + "\n");
                protocol.flush();
            }
        }
        return 0;
    }

    /** The server's answer to one message, on one line; empty for a notification. */
    static Optional<String> relay(ServerConnection server, String line) throws InterruptedException {
        JsonNode message;
        try {
            message = ServerConnection.JSON.readTree(line);
        } catch (IOException e) {
            return Optional.of(error(null, -32700, "Parse error: a message is one line of JSON"));
        }
        JsonNode id = message.isObject() ? message.get("id") : null;
        boolean request = id != null && message.has("method");
        ServerConnection.Answer answer;
        try {
            answer = server.post("/mcp", line.getBytes(StandardCharsets.UTF_8), HEADERS);
        } catch (IOException unreachable) {
            System.err.println("openclone mcp: " + unreachable.getMessage());
            return request ? Optional.of(error(id, SERVER_UNAVAILABLE, unreachable.getMessage())) : Optional.empty();
        }
        if (answer.json() != null && answer.json().has("jsonrpc")) {
            // The server's JSON-RPC answer, success or error, on one line.
            return Optional.of(answer.json().toString());
        }
        if (answer.status() == 202 || answer.status() == 200 && answer.body().isEmpty()) {
            return Optional.empty();
        }
        String reason = "OpenClone answered " + answer.status() + ": " + answer.detail();
        System.err.println("openclone mcp: " + reason);
        return request ? Optional.of(error(id, SERVER_UNAVAILABLE, reason)) : Optional.empty();
    }

    private static String error(JsonNode id, int code, String text) {
        ObjectNode error = ServerConnection.JSON.createObjectNode();
        error.put("jsonrpc", "2.0");
        error.set("id", id);
        error.putObject("error").put("code", code).put("message", text);
        return error.toString();
    }
}
