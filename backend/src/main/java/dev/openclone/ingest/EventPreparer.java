package dev.openclone.ingest;

import dev.openclone.event.SourceType;
import dev.openclone.event.IngestBatch;
import dev.openclone.event.DedupKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationPreparer;
import dev.openclone.privacy.Redactor;
import dev.openclone.store.PreparedEvent;
import dev.openclone.index.EventRow;
import dev.openclone.store.AfterCommit;
import dev.openclone.vault.DailyNote;
import dev.openclone.vault.EntryRenderer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Turns a validated event into what the store writes: redacted (when the tenant wants it), keyed for dedup,
 * rendered as its vault entry and serialised for the index. Runs on the request's thread, so the single writer
 * only decides and writes.
 */
public final class EventPreparer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntryRenderer renderer;
    private final ConversationPreparer conversations;
    private final ZoneId zone;

    public EventPreparer(ZoneId zone, ConversationConfig conversation) {
        this.renderer = new EntryRenderer(zone);
        this.conversations = new ConversationPreparer(conversation);
        this.zone = zone;
    }

    /**
     * Prepares {@code event}; with {@code redact}, its data is redacted in place first. Empty for a conversation
     * turn with nothing to capture.
     */
    public Optional<PreparedEvent> prepare(IngestBatch batch, IngestBatch.Event event, boolean redact) {
        int redactions = 0;
        String rawRef = event.rawRef();
        if (redact) {
            redactions = Redactor.redactInPlace(event.data());
            if (rawRef != null) {
                Redactor.Result ref = Redactor.redact(rawRef);
                rawRef = ref.text();
                redactions += ref.count();
            }
        }
        List<PreparedEvent.NoteEntry> entries;
        AfterCommit.Task recall = null;
        if (batch.sourceType() == SourceType.CONVERSATION) {
            Optional<ConversationPreparer.Capture> capture = conversations.capture(event, rawRef);
            if (capture.isEmpty()) {
                return Optional.empty();
            }
            entries = capture.get().entries();
            recall = capture.get().recall();
        } else {
            entries = List.of(new PreparedEvent.NoteEntry(DailyNote.of(batch.sourceType(), event.timestamp(), zone),
                    renderer.render(batch, event).getBytes(StandardCharsets.UTF_8)));
        }
        // After redaction: without a raw_ref the key hashes the redacted data, so no hash of a secret is kept.
        DedupKey key = DedupKey.of(batch, event);
        String dataJson;
        try {
            dataJson = JSON.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree is always serialisable", e);
        }
        EventRow row = new EventRow(batch.sourceType().wireName(), batch.platform().wireName(), batch.deviceId(),
                batch.pluginId(), batch.pluginVersion(), rawRef, event.timestamp(), dataJson);
        return Optional.of(new PreparedEvent(key, entries, recall, row, redactions));
    }

    /** The vault file an event belongs to, as the answer's {@code file} reports it (stored or not). */
    public String fileFor(IngestBatch batch, IngestBatch.Event event) {
        if (batch.sourceType() == SourceType.CONVERSATION) {
            return conversations.fileFor(event);
        }
        return DailyNote.of(batch.sourceType(), event.timestamp(), zone).path();
    }
}
