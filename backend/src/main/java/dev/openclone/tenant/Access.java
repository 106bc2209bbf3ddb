package dev.openclone.tenant;

import dev.openclone.event.SourceType;
import java.util.HexFormat;
import java.util.Set;

/**
 * What a key opens: its tenant, and what it may do there.
 *
 * @param tenant      the tenant whose data the key reaches, and only that
 * @param label       the key's name, for logs and {@code key list}
 * @param sourceTypes the source types it may write; empty for all
 * @param canRead     whether it may call query endpoints
 * @param keyHash     SHA-256 of the key: the rate-limit bucket and the last-used record
 */
public record Access(Tenant tenant, String label, Set<SourceType> sourceTypes, boolean canRead, byte[] keyHash) {

    public Access {
        sourceTypes = Set.copyOf(sourceTypes);
        keyHash = keyHash.clone();
    }

    public boolean mayWrite(SourceType type) {
        return sourceTypes.isEmpty() || sourceTypes.contains(type);
    }

    /** The key's hash in hex: an identity that reveals nothing of the key. */
    public String keyId() {
        return HexFormat.of().formatHex(keyHash);
    }
}
