package dev.openclone.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An agent config for a test, as a person writes it: the test server, its key, device {@code test-laptop}, the
 * agent's state in {@code state}, and one plugin with the settings {@code settings} puts in.
 */
public final class AgentConfigFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentConfigFile() {
    }

    /** Writes the config to a new file in {@code dir} and returns it. */
    public static Path write(Path dir, TestServer server, Path state, String plugin, Consumer<ObjectNode> settings)
            throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("server_url", "http://127.0.0.1:" + server.port());
        root.put("api_key", TestServer.KEY);
        root.put("device_id", "test-laptop");
        root.put("state_dir", state.toString());
        settings.accept(root.putObject("plugins").putObject(plugin));
        Path file = Files.createTempFile(dir, "agent", ".json");
        Files.writeString(file, root.toString());
        return file;
    }
}
