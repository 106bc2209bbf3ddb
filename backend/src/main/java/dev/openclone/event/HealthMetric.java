package dev.openclone.event;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A health metric OpenClone knows: how the vault names it and the unit shown after its value. Any other numeric
 * field of a health event is a metric too, shown under its own name without a unit.
 *
 * @param label the name shown in the vault, such as "Heart rate"
 * @param unit  the unit after the value, such as "bpm", or "" for counts
 */
public record HealthMetric(String label, String unit) {

    private static final Map<String, HealthMetric> KNOWN = Map.ofEntries(
            Map.entry("steps", new HealthMetric("Steps", "")),
            Map.entry("heart_rate", new HealthMetric("Heart rate", "bpm")),
            Map.entry("resting_heart_rate", new HealthMetric("Resting heart rate", "bpm")),
            Map.entry("hrv", new HealthMetric("HRV", "ms")),
            Map.entry("sleep_hours", new HealthMetric("Sleep", "h")),
            Map.entry("active_energy", new HealthMetric("Active energy", "kcal")),
            Map.entry("calories", new HealthMetric("Calories", "kcal")),
            Map.entry("distance_km", new HealthMetric("Distance", "km")),
            Map.entry("weight_kg", new HealthMetric("Weight", "kg")),
            Map.entry("blood_oxygen", new HealthMetric("Blood oxygen", "%")),
            Map.entry("respiratory_rate", new HealthMetric("Respiratory rate", "breaths/min")),
            Map.entry("exercise_minutes", new HealthMetric("Exercise", "min")),
            Map.entry("stand_hours", new HealthMetric("Stand", "h")),
            Map.entry("floors", new HealthMetric("Floors", "")));

    /** The known metric of a data field, if it is one. */
    public static Optional<HealthMetric> of(String field) {
        return Optional.ofNullable(KNOWN.get(field));
    }

    public static Set<String> known() {
        return KNOWN.keySet();
    }
}
