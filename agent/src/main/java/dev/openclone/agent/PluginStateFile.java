package dev.openclone.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin's memory between runs: one JSON file, {@code state_dir/plugins/<id>/state.json}, owner-only and
 * replaced whole. Plugins write it at the start of the capture after the one that changed it, when what that
 * capture returned is in the agent's spool: a crash in between sends the same events again, with the same raw_refs.
 */
public final class PluginStateFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private PluginStateFile(Path file) {
        this.file = file;
    }

    public static PluginStateFile of(PluginContext context) throws CaptureException {
        try {
            return new PluginStateFile(context.stateDir().resolve("state.json"));
        } catch (IOException e) {
            throw new CaptureException("cannot make the plugin's state folder: " + e.getMessage(), e);
        }
    }

    /** What was written last, or an empty object. */
    public JsonNode read() throws CaptureException {
        try {
            return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new CaptureException("cannot read the plugin's state " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(JsonNode state) throws CaptureException {
        try {
            StateFiles.writeOwnerOnly(file, JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new CaptureException("cannot write the plugin's state " + file + ": " + e.getMessage(), e);
        }
    }
}
