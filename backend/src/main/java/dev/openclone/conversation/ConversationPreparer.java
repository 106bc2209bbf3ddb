package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.IngestBatch;
import dev.openclone.store.PreparedEvent;
import dev.openclone.store.AfterCommit;
import dev.openclone.vault.DailyNote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a conversation event (one committed turn, SPEC §10) adds to the vault: an entry per captured pair in its
 * day's {@code conversations-YYYY-MM-DD.md}, and, with recall on, the turn's lines for its sessionKey's recall
 * file. A turn with nothing to capture (filtered out, no reply, {@code NO_REPLY}) gives nothing: it is not stored
 * and writes nothing at all.
 */
public final class ConversationPreparer {

    private final ConversationConfig config;
    private final TurnSelector selector;

    public ConversationPreparer(ConversationConfig config) {
        this.config = config;
        this.selector = new TurnSelector(config);
    }

    /**
     * What a turn captures.
     *
     * @param entries the rendered entries and their conversation notes, at least one
     * @param recall  the turn's recall update as an after-commit task, or null
     */
    public record Capture(List<PreparedEvent.NoteEntry> entries, AfterCommit.Task recall) {
    }

    /** Reads the event's data (already validated, and redacted when the tenant wants it). */
    public Optional<Capture> capture(IngestBatch.Event event, String rawRef) {
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
        AfterCommit.Task recall = null;
        if (config.recallEnabled() && sessionKey != null && !sessionKey.isEmpty()) {
            recall = new RecallUpdate(RecallFile.path(config.recallFolder(), sessionKey), rawRef,
                    entries.stream().map(entry -> new RecallEntry(rawRef, entry.timestamp(),
                            sessionId == null || sessionId.isEmpty() ? null : sessionId, sessionKey,
                            entry.senderUsername(), entry.userText(), entry.assistantText())).toList(),
                    config.recallTurns(), config.recallMaxBytes()).task();
        }
        return Optional.of(new Capture(notes, recall));
    }

    /** The daily file a turn committed at the event's time belongs to, for the answer's {@code file}. */
    public String fileFor(IngestBatch.Event event) {
        return new ConversationNote(config.folder(),
                CaptureTime.day(eventTime(event), config.timezone(), config.rolloverMinutes())).path();
    }

    private static Instant eventTime(IngestBatch.Event event) {
        return DailyNote.instant(event.timestamp());
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
