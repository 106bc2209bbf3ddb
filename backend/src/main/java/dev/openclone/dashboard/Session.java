package dev.openclone.dashboard;

import dev.openclone.tenant.Access;
import java.time.Instant;

/**
 * A signed-in browser: whose key it signed in with, the token its forms must carry (CSRF), and when it ends.
 *
 * @param id      the cookie's value: 256 random bits
 * @param access  what the key opened at sign-in: its tenant, and only that
 * @param owner   whether the key was the owner's (forgetting needs it)
 * @param csrf    the token every form that changes something sends back
 * @param expires when the session ends, whatever happens meanwhile
 */
public record Session(String id, Access access, boolean owner, String csrf, Instant expires) {
}
