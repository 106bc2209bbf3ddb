package dev.openclone.vault;

/** A Markdown file the server appends entries to, and the header it starts with when the server creates it. */
public interface Note {

    /** Vault-relative path with forward slashes, as reported to clients. */
    String path();

    /** The first bytes of a new file. */
    String header();

    /** The note a vault-relative path names, so a header can be rebuilt from a path alone (crash recovery). */
    static Note forPath(String path) {
        return ConversationNote.parse(path).map(Note.class::cast).orElseGet(() -> DailyNote.parse(path));
    }
}
