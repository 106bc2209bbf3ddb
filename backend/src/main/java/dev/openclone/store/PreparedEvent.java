package dev.openclone.store;

import dev.openclone.ingest.DedupKey;
import dev.openclone.ingest.IngestBatch;
import dev.openclone.vault.Note;
import java.util.List;

/**
 * An event ready to store: its dedup key, the entries it adds to notes, what it adds to a recall file, and the
 * row the index keeps. Everything here is computed on the request's thread, so the single writer only decides
 * and writes.
 *
 * @param entries    the rendered entries and their notes, at least one; most events have one, a conversation
 *                   turn one per captured pair (which may fall on two conversation days)
 * @param recall     what the event adds to a recall file, or null
 * @param dataJson   the event's data as stored in the index, already redacted
 * @param rawRef     the raw_ref as stored in the index, already redacted (the key was made from the original)
 * @param redactions how many secrets redaction replaced in this event
 */
public record PreparedEvent(DedupKey key, List<NoteEntry> entries, RecallTurn recall, IngestBatch batch,
        IngestBatch.Event event, String dataJson, String rawRef, int redactions) {

    public PreparedEvent {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an event to store adds at least one entry");
        }
        entries = List.copyOf(entries);
    }

    /** An event with one entry in one note and no recall. */
    public PreparedEvent(DedupKey key, Note note, byte[] entry, IngestBatch batch, IngestBatch.Event event,
            String dataJson, String rawRef, int redactions) {
        this(key, List.of(new NoteEntry(note, entry)), null, batch, event, dataJson, rawRef, redactions);
    }

    /** One rendered entry and the note it is appended to. */
    public record NoteEntry(Note note, byte[] bytes) {
    }
}
