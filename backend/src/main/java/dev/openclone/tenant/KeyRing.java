package dev.openclone.tenant;

import dev.openclone.event.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds what an API key opens. Only SHA-256 hashes of keys are held (keys are 256-bit random values, so a fast
 * hash loses nothing); a presented key is hashed and compared with every known hash by
 * {@link MessageDigest#isEqual}, so the time taken says nothing about how much of a key was right.
 */
public final class KeyRing {

    private final List<Access> entries;

    public KeyRing(List<Access> entries) {
        this.entries = List.copyOf(entries);
    }

    /** What {@code presentedKey} opens; empty for a missing, unknown or revoked key. */
    public Optional<Access> accessOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        return accessOfHash(hash(presentedKey));
    }

    /** What the key whose hash is {@code keyHash} opens now; empty once it is revoked. */
    public Optional<Access> accessOfHash(byte[] keyHash) {
        Access found = null;
        for (Access entry : entries) {
            if (MessageDigest.isEqual(entry.keyHash(), keyHash)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A new key: 256 random bits, URL-safe, with the {@code oc_} prefix that makes it easy to spot. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "oc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String key) {
        return Sha256.of(key);
    }
}
