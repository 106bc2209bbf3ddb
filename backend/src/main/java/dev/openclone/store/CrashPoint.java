package dev.openclone.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A crash at the store's most delicate instant, on request: with the system property
 * {@code openclone.test.haltAfterCommits=N} the process halts (as SIGKILL would stop it) right after the N-th
 * group's index commit, before any of its Markdown is written; with {@code openclone.test.haltAfterForgetCommit=true}
 * right after a forget's commit point, before its cuts are made. The crash tests use them to prove that the redo
 * paths really run; without the properties this is one comparison per group.
 */
final class CrashPoint {

    private static final long HALT_AFTER = Long.getLong("openclone.test.haltAfterCommits", 0);
    private static final boolean HALT_AFTER_FORGET = Boolean.getBoolean("openclone.test.haltAfterForgetCommit");
    private static final AtomicLong COMMITS = new AtomicLong();

    private CrashPoint() {
    }

    static void afterCommit() {
        if (HALT_AFTER > 0 && COMMITS.incrementAndGet() == HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
    }

    static void afterForgetCommit() {
        if (HALT_AFTER_FORGET) {
            Runtime.getRuntime().halt(137);
        }
    }
}
