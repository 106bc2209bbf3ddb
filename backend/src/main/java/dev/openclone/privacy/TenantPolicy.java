package dev.openclone.privacy;

import dev.openclone.event.SourceType;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's privacy settings from {@code OPENCLONE_CONFIG}: redaction (on unless turned off), exclusions, and
 * the source types the owner refuses.
 */
public record TenantPolicy(boolean redaction, Exclusions exclusions, Set<SourceType> disabledSources) {

    /** What a tenant without a config section gets: redaction on, nothing excluded, every source accepted. */
    public static final TenantPolicy DEFAULT = new TenantPolicy(true, Exclusions.NONE, Set.of());

    public TenantPolicy {
        disabledSources = disabledSources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabledSources));
    }

    public boolean accepts(SourceType type) {
        return !disabledSources.contains(type);
    }
}
