package dev.openclone.store;

import java.util.List;

/**
 * What storing one batch did.
 *
 * @param stored  events written to the vault and the index
 * @param skipped  duplicates, against the vault or inside the batch
 * @param redacted secrets replaced in the stored events
 * @param files    vault-relative daily files this batch appended to, sorted
 */
public record StoreResult(int stored, int skipped, int redacted, List<String> files) {

    public StoreResult {
        files = List.copyOf(files);
    }
}
