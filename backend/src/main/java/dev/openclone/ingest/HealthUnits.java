package dev.openclone.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The health metrics OpenClone knows, with the unit the vault shows after each value. */
public final class HealthUnits {

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("steps", "steps"),
            Map.entry("heart_rate", "bpm"),
            Map.entry("resting_heart_rate", "bpm"),
            Map.entry("hrv", "ms"),
            Map.entry("sleep_hours", "h"),
            Map.entry("active_energy", "kcal"),
            Map.entry("calories", "kcal"),
            Map.entry("distance_km", "km"),
            Map.entry("weight_kg", "kg"),
            Map.entry("blood_oxygen", "%"),
            Map.entry("respiratory_rate", "breaths/min"),
            Map.entry("exercise_minutes", "min"),
            Map.entry("stand_hours", "h"),
            Map.entry("floors", "floors"));

    private HealthUnits() {
    }

    public static Optional<String> of(String metric) {
        return Optional.ofNullable(UNITS.get(metric));
    }

    static Set<String> known() {
        return UNITS.keySet();
    }
}
