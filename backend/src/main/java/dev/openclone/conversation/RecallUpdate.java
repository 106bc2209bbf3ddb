package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.store.AfterCommit;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a conversation turn adds to its sessionKey's recall file, as an after-commit task of the store: applied
 * after the turn's Markdown, and again by recovery when a crash came first (a line with the same advancement key
 * makes it a no-op). The payload is JSON {@code {"file","advancement_key","lines","turns","max_bytes"}}, the
 * shape index migration V6 gave the rows of the older recall log.
 *
 * @param file           vault-relative path of the NDJSON file
 * @param advancementKey the turn's key (its raw_ref)
 * @param turns          {@code recallTurns} to prune to
 * @param maxBytes       {@code recallMaxBytes} to prune to, 0 for no limit
 */
public record RecallUpdate(String file, String advancementKey, List<RecallEntry> entries, int turns,
        long maxBytes) {

    /** The task kind, as logged. */
    public static final String KIND = "recall";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RecallUpdate.class);

    public RecallUpdate {
        entries = List.copyOf(entries);
    }

    /** This update as a task for the store's log. */
    public AfterCommit.Task task() {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("file", file);
        payload.put("advancement_key", advancementKey);
        StringBuilder lines = new StringBuilder();
        entries.forEach(entry -> lines.append(entry.toLine()).append('\n'));
        payload.put("lines", lines.toString());
        payload.put("turns", turns);
        payload.put("max_bytes", maxBytes);
        try {
            return new AfterCommit.Task(KIND, JSON.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecallUpdate fromPayload(byte[] payload) throws IOException {
        JsonNode json = JSON.readTree(payload);
        return new RecallUpdate(json.path("file").asText(), json.path("advancement_key").asText(null),
                RecallFile.logged(json.path("lines").asText()), json.path("turns").asInt(),
                json.path("max_bytes").asLong());
    }

    /** Adds the turn to its recall file, unless the file already has its advancement key. */
    void apply(VaultFiles vault) throws IOException {
        int malformed = RecallFile.append(vault, file, advancementKey, entries, turns, maxBytes);
        if (malformed > 0) {
            LOG.warn("Ignored {} malformed line(s) of recall file {}", malformed, file);
        }
    }

    /** The store's handler of recall tasks: registered whether recall is on or off, so logged ones complete. */
    public static final AfterCommit HANDLER = new AfterCommit() {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public void apply(VaultFiles vault, byte[] payload) throws IOException {
            fromPayload(payload).apply(vault);
        }
    };
}
