package dev.openclone.store;

import dev.openclone.ingest.DedupKey;
import dev.openclone.ingest.IngestBatch;
import dev.openclone.vault.DailyNote;

/**
 * An event ready to store: its dedup key, its daily note, its rendered entry and the row the index keeps.
 * Everything here is computed on the request's thread, so the single writer only decides and writes.
 *
 * @param dataJson   the event's data as stored in the index, already redacted
 * @param rawRef     the raw_ref as stored in the index, already redacted (the key was made from the original)
 * @param redactions how many secrets redaction replaced in this event
 */
public record PreparedEvent(DedupKey key, DailyNote note, byte[] entry, IngestBatch batch, IngestBatch.Event event,
        String dataJson, String rawRef, int redactions) {
}
