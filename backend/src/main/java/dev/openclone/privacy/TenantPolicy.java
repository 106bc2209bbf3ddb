package dev.openclone.privacy;

import dev.openclone.event.SourceType;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's privacy settings from {@code OPENCLONE_CONFIG}: redaction (on unless turned off), exclusions, the
 * source types the owner refuses, and how long what is captured is kept.
 */
public record TenantPolicy(boolean redaction, Exclusions exclusions, Set<SourceType> disabledSources,
        Retention retention) {

    /** What a tenant without a config section gets: redaction on, nothing excluded, every source accepted, kept. */
    public static final TenantPolicy DEFAULT = new TenantPolicy(true, Exclusions.NONE, Set.of());

    public TenantPolicy {
        disabledSources = disabledSources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabledSources));
    }

    /** A policy that keeps everything it accepts. */
    public TenantPolicy(boolean redaction, Exclusions exclusions, Set<SourceType> disabledSources) {
        this(redaction, exclusions, disabledSources, Retention.KEEP_ALL);
    }

    public boolean accepts(SourceType type) {
        return !disabledSources.contains(type);
    }
}
