package dev.openclone.index;



/**
 * What the index keeps of a stored event, flat: the batch header it came with, its capture time, and its data
 * as JSON (already redacted). Where its entry is in the vault is added by the store when it plans the append.
 *
 * @param rawRef   the raw_ref as stored (redacted), or null
 * @param data     the event's data as a JSON object text
 */
public record EventRow(String sourceType, String platform, String deviceId, String pluginId, String pluginVersion,
        String rawRef, double capturedAt, String data) {
}
