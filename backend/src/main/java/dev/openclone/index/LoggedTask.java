package dev.openclone.index;



/**
 * A committed after-commit task ({@code after_commit}): of a kind its owner registered with the store, with a
 * payload only that owner reads.
 */
public record LoggedTask(long id, String kind, byte[] payload) {
}
