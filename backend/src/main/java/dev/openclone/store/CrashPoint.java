package dev.openclone.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A crash at the store's most delicate instant, on request: with the system property
 * {@code openclone.test.haltAfterCommits=N} the process halts (as SIGKILL would stop it) right after the N-th
 * group's index commit, before any of its Markdown is written. The crash test uses it to prove that the redo
 * path really runs; without the property this is one comparison per group.
 */
final class CrashPoint {

    private static final long HALT_AFTER = Long.getLong("openclone.test.haltAfterCommits", 0);
    private static final AtomicLong COMMITS = new AtomicLong();

    private CrashPoint() {
    }

    static void afterCommit() {
        if (HALT_AFTER > 0 && COMMITS.incrementAndGet() == HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
    }
}
