package dev.openclone.store;

import dev.openclone.vault.RecallEntry;
import java.util.List;

/**
 * What a conversation turn adds to its sessionKey's recall file; applied after the turn's Markdown, and again
 * by recovery when a crash came first (a line with the same advancement key makes it a no-op).
 *
 * @param file           vault-relative path of the NDJSON file
 * @param advancementKey the turn's key (its raw_ref)
 * @param turns          {@code recallTurns} to prune to
 * @param maxBytes       {@code recallMaxBytes} to prune to, 0 for no limit
 */
public record RecallTurn(String file, String advancementKey, List<RecallEntry> entries, int turns, long maxBytes) {

    public RecallTurn {
        entries = List.copyOf(entries);
    }
}
