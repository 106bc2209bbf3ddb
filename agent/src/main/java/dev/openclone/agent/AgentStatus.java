package dev.openclone.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the running agent last wrote of itself to {@code status.json} in its state folder (when something changes,
 * and every ten seconds while it runs): {@code agent status} reads it.
 *
 * @param updated     when it was written (ISO-8601)
 * @param pausedUntil when a pause ends ({@code indefinitely}), or null
 * @param policy      where the tenant's exclusions in force come from, or why there are none yet
 */
public record AgentStatus(long pid, String updated, boolean running, String pausedUntil, String policy,
        List<PluginStatus> plugins) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path stateDir) {
        return stateDir.resolve("status.json");
    }

    void write(Path stateDir) throws IOException {
        StateFiles.writeOwnerOnly(file(stateDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    static Optional<AgentStatus> read(Path stateDir) {
        try {
            return Files.exists(file(stateDir)) ? Optional.of(JSON.readValue(file(stateDir).toFile(),
                    AgentStatus.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
