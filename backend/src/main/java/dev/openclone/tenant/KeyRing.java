package dev.openclone.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the tenant an API key belongs to. Only SHA-256 hashes of keys are held; a presented key is hashed and
 * compared against every known hash with {@link MessageDigest#isEqual}, so the time taken reveals nothing about
 * how much of a key was right.
 */
public final class KeyRing {

    /** A key's hash and the tenant it opens. */
    public record Entry(byte[] keyHash, Tenant tenant) {
    }

    private final List<Entry> entries;

    public KeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A ring with one key for one tenant. */
    public static KeyRing of(String apiKey, Tenant tenant) {
        return new KeyRing(List.of(new Entry(hash(apiKey), tenant)));
    }

    /** The tenant of {@code presentedKey}; empty for a missing or unknown key. */
    public Optional<Tenant> tenantOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = hash(presentedKey);
        Tenant found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.keyHash(), presented)) {
                found = entry.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
