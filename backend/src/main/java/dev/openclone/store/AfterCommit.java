package dev.openclone.store;

import dev.openclone.vault.VaultFiles;
import java.io.IOException;

/**
 * Work a feature needs done once an event's Markdown is durable, such as updating a conversation's recall file.
 * The store logs each task in the same transaction as its event (the commit point), runs it after the files are
 * written, and runs it again at start-up when a crash came first, so {@link #apply} must be idempotent. The store
 * knows tasks only by kind; the feature that registered the kind is the only reader of its payload.
 */
public interface AfterCommit {

    /** The kind this handler runs, as logged; stable across versions. */
    String kind();

    /** Runs one task. Called on the writer thread; a failure keeps the task logged for a retry. */
    void apply(VaultFiles vault, byte[] payload) throws IOException;

    /** A task for the log: its kind and the payload its handler reads. */
    record Task(String kind, byte[] payload) {

        public Task {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }
}
