package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.ingest.DedupKey;
import dev.openclone.ingest.IngestBatch;
import dev.openclone.store.PreparedEvent;
import dev.openclone.store.RecallTurn;
import dev.openclone.vault.ConversationNote;
import dev.openclone.vault.RecallEntry;
import dev.openclone.vault.RecallFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a conversation event (one committed turn, SPEC §10) into what the store writes: an entry per captured
 * pair in its day's {@code conversations-YYYY-MM-DD.md}, and, with recall on, the turn's lines for its
 * sessionKey's recall file. A turn with nothing to capture (filtered out, no reply, {@code NO_REPLY}) gives
 * nothing: it is not stored and writes nothing at all.
 */
public final class ConversationPreparer {

    private final ConversationConfig config;
    private final TurnSelector selector;

    public ConversationPreparer(ConversationConfig config) {
        this.config = config;
        this.selector = new TurnSelector(config);
    }

    /** The data's fields, already validated (and redacted when the tenant wants it). */
    public Optional<PreparedEvent> prepare(DedupKey key, IngestBatch batch, IngestBatch.Event event,
            String dataJson, String rawRef, int redactions) {
        JsonNode data = event.data();
        String sessionKey = text(data.get("session_key"));
        String sessionId = text(data.get("session_id"));
        List<CaptureEntry> entries = selector.select(data.get("messages"),
                data.path("pre_prompt_message_count").asInt(0), sessionKey, eventTime(event));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<PreparedEvent.NoteEntry> notes = entries.stream().map(entry -> new PreparedEvent.NoteEntry(
                new ConversationNote(config.folder(), entry.date()),
                EntryFormat.render(entry).getBytes(StandardCharsets.UTF_8))).toList();
        RecallTurn recall = null;
        if (config.recallEnabled() && sessionKey != null && !sessionKey.isEmpty()) {
            recall = new RecallTurn(RecallFile.path(config.recallFolder(), sessionKey), rawRef,
                    entries.stream().map(entry -> new RecallEntry(rawRef, entry.timestamp(),
                            sessionId == null || sessionId.isEmpty() ? null : sessionId, sessionKey,
                            entry.senderUsername(), entry.userText(), entry.assistantText())).toList(),
                    config.recallTurns(), config.recallMaxBytes());
        }
        return Optional.of(new PreparedEvent(key, notes, recall, batch, event, dataJson, rawRef, redactions));
    }

    /** The daily file a turn committed at the event's time belongs to, for the answer's {@code file}. */
    public String fileFor(IngestBatch.Event event) {
        return new ConversationNote(config.folder(),
                CaptureTime.day(eventTime(event), config.timezone(), config.rolloverMinutes())).path();
    }

    private static Instant eventTime(IngestBatch.Event event) {
        return Instant.ofEpochMilli(Math.round(event.timestamp() * 1000d));
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
