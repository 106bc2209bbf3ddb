package dev.openclone.voicejournal;

/**
 * What a recording (a file, or one made at the terminal) gave: its entry (null when no word was recognised), its
 * length, how many pieces were transcribed, how many failed and the last reason why.
 */
public record Transcribed(JournalEntry entry, double seconds, int pieces, int failedPieces, String failure) {
}
