package dev.openclone.vault;

/** A Markdown file the server appends entries to, and the header it starts with when the server creates it. */
public interface Note {

    /** Vault-relative path with forward slashes, as reported to clients. */
    String path();

    /** The first bytes of a new file. */
    String header();
}
