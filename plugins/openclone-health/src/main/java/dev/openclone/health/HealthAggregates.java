package dev.openclone.health;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Health samples summed up per local hour and per local day (the wearer's own clock: each sample's offset), as
 * {@code health} events. Amounts (steps, energy, distance, floors, exercise) are summed per source and the largest
 * source is kept, so a watch and a phone counting the same steps do not count twice; rates (heart rate, HRV,
 * blood oxygen, respiratory rate) are averaged; weight keeps the last; sleep is counted on the day one wakes up.
 * Workouts stay one event each. Memory grows with the days and hours covered, never with the number of samples.
 */
public final class HealthAggregates {

    /** How a metric is summed up. */
    public enum Kind { AMOUNT, RATE, LAST }

    static final Map<String, Kind> METRICS = Map.ofEntries(Map.entry("steps", Kind.AMOUNT),
            Map.entry("active_energy", Kind.AMOUNT), Map.entry("distance_km", Kind.AMOUNT),
            Map.entry("floors", Kind.AMOUNT), Map.entry("exercise_minutes", Kind.AMOUNT),
            Map.entry("heart_rate", Kind.RATE), Map.entry("resting_heart_rate", Kind.RATE),
            Map.entry("hrv", Kind.RATE), Map.entry("blood_oxygen", Kind.RATE),
            Map.entry("respiratory_rate", Kind.RATE), Map.entry("weight_kg", Kind.LAST),
            Map.entry("sleep_hours", Kind.AMOUNT));

    /** Metrics also summed per hour (the rest per day only). */
    static final List<String> HOURLY = List.of("steps", "heart_rate", "active_energy", "distance_km");

    /** One summed-up period ready to send. */
    public record Period(String kind, OffsetDateTime start, Map<String, Double> metrics, String rawRef) {
    }

    /** A workout as one event. */
    public record Workout(OffsetDateTime start, String activity, double minutes, Double distanceKm, Double energyKcal,
            String rawRef) {
    }

    private static final class Cell {
        final Map<String, Double> perSource = new HashMap<>();
        double sum;
        long count;
        double last;
        long lastAt = Long.MIN_VALUE;
    }

    private final String prefix;
    private final Map<String, TreeMap<LocalDateTime, Cell>> byMetricHours = new HashMap<>();
    private final Map<String, TreeMap<LocalDateTime, Cell>> byMetricDays = new HashMap<>();
    private final Map<LocalDateTime, ZoneOffset> offsets = new HashMap<>();
    private final List<Workout> workouts = new ArrayList<>();
    private long samples;
    private OffsetDateTime latest;

    /** @param prefix the raw_ref prefix of this export's kind ({@code apple-health}, {@code health-connect}) */
    public HealthAggregates(String prefix) {
        this.prefix = prefix;
    }

    public long samples() {
        return samples;
    }

    /** The latest sample's time, or null: what an export without its own date was made after. */
    public OffsetDateTime latest() {
        return latest;
    }

    /** A sample of {@code metric} at {@code at} (its own offset) from {@code source}. */
    public void add(String metric, OffsetDateTime at, double value, String source) {
        Kind kind = METRICS.get(metric);
        if (kind == null || !Double.isFinite(value)) {
            return;
        }
        samples++;
        if (latest == null || at.isAfter(latest)) {
            latest = at;
        }
        LocalDateTime local = at.toLocalDateTime();
        LocalDateTime day = local.truncatedTo(ChronoUnit.DAYS);
        cell(byMetricDays, metric, day, source, at, value, kind);
        offsets.putIfAbsent(day, at.getOffset());
        if (HOURLY.contains(metric)) {
            LocalDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
            cell(byMetricHours, metric, hour, source, at, value, kind);
            offsets.putIfAbsent(hour, at.getOffset());
        }
    }

    public void workout(OffsetDateTime start, String activity, double minutes, Double distanceKm, Double energyKcal) {
        samples++;
        workouts.add(new Workout(start, activity, minutes, distanceKm, energyKcal,
                prefix + ":workout:" + start.toInstant() + ":" + activity));
    }

    private void cell(Map<String, TreeMap<LocalDateTime, Cell>> table, String metric,
            LocalDateTime period, String source, OffsetDateTime at, double value, Kind kind) {
        Cell cell = table.computeIfAbsent(metric, m -> new TreeMap<>()).computeIfAbsent(period, p -> new Cell());
        switch (kind) {
            case AMOUNT -> cell.perSource.merge(source, value, Double::sum);
            case RATE -> {
                cell.sum += value;
                cell.count++;
            }
            case LAST -> {
                long when = at.toEpochSecond();
                if (when >= cell.lastAt) {
                    cell.lastAt = when;
                    cell.last = value;
                }
            }
        }
    }

    /**
     * The periods complete by {@code until} (the export's own date; null: all), oldest first: days, then hours.
     * A period still running when the export was made is left for a newer export to bring whole.
     */
    public List<Period> periods(OffsetDateTime until) {
        List<Period> out = new ArrayList<>();
        out.addAll(periods("day", byMetricDays, 1, ChronoUnit.DAYS, until));
        out.addAll(periods("hour", byMetricHours, 1, ChronoUnit.HOURS, until));
        return out;
    }

    public List<Workout> workouts() {
        return List.copyOf(workouts);
    }

    private List<Period> periods(String kind, Map<String, TreeMap<LocalDateTime, Cell>> table,
            long length, ChronoUnit unit, OffsetDateTime until) {
        TreeMap<LocalDateTime, Map<String, Double>> merged = new TreeMap<>();
        table.forEach((metric, periods) -> periods.forEach((start, cell) -> {
            Double value = switch (METRICS.get(metric)) {
                case AMOUNT -> cell.perSource.values().stream().max(Double::compare).orElse(null);
                case RATE -> cell.count == 0 ? null : cell.sum / cell.count;
                case LAST -> cell.lastAt == Long.MIN_VALUE ? null : cell.last;
            };
            if (value != null) {
                merged.computeIfAbsent(start, s -> new LinkedHashMap<>()).put(metric, round(metric, value));
            }
        }));
        List<Period> out = new ArrayList<>();
        merged.forEach((start, metrics) -> {
            OffsetDateTime at = start.atOffset(offsets.getOrDefault(start, ZoneOffset.UTC));
            if (until == null || !at.plus(length, unit).isAfter(until)) {
                String id = kind.equals("day") ? LocalDate.from(start).toString() : start.toString();
                out.add(new Period(kind, at, metrics, prefix + ":" + kind + ":" + id));
            }
        });
        return out;
    }

    private static double round(String metric, double value) {
        double scale = metric.equals("steps") || metric.equals("floors") ? 1 : 100;
        return Math.round(value * scale) / scale;
    }
}
