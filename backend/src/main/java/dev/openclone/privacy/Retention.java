package dev.openclone.privacy;

import dev.openclone.event.SourceType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a tenant keeps what it captured: a number of days for every source (or none), days for some source
 * types of their own, and a cap on the size of its daily files. What is older, or oldest beyond the cap, is
 * forgotten (the forget path: entries cut, tombstones kept), at start and daily.
 *
 * @param days       days to keep every source, or null to keep them
 * @param sourceDays days to keep a source type, overriding {@code days}
 * @param maxBytes   the most bytes the vault's daily files may hold, or null for no cap
 */
public record Retention(Integer days, Map<SourceType, Integer> sourceDays, Long maxBytes) {

    public static final Retention KEEP_ALL = new Retention(null, Map.of(), null);

    public Retention {
        sourceDays = sourceDays.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(sourceDays));
    }

    /** How long events of {@code type} are kept, if not for ever. */
    public Optional<Duration> keep(SourceType type) {
        Integer kept = sourceDays.getOrDefault(type, days);
        return kept == null ? Optional.empty() : Optional.of(Duration.ofDays(kept));
    }

    public boolean keepsAll() {
        return days == null && sourceDays.isEmpty() && maxBytes == null;
    }
}
