package dev.openclone.store;

import dev.openclone.event.DedupKey;
import dev.openclone.index.EventRow;
import dev.openclone.vault.Note;
import java.util.List;

/**
 * An event ready to store: its dedup key, the entries it adds to notes, an optional after-commit task, and the
 * flat row the index keeps. Everything here is computed on the request's thread, so the single writer only
 * decides and writes.
 *
 * @param entries    the rendered entries and their notes, at least one; most events have one, a conversation
 *                   turn one per captured pair (which may fall on two conversation days)
 * @param task       what to do once the entries are durable (a conversation's recall update), or null
 * @param row        what the index keeps: header fields, capture time, data JSON and raw_ref, already redacted
 * @param redactions how many secrets redaction replaced in this event
 */
public record PreparedEvent(DedupKey key, List<NoteEntry> entries, AfterCommit.Task task, EventRow row,
        int redactions) {

    public PreparedEvent {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an event to store adds at least one entry");
        }
        entries = List.copyOf(entries);
    }

    /** One rendered entry and the note it is appended to. */
    public record NoteEntry(Note note, byte[] bytes) {
    }
}
