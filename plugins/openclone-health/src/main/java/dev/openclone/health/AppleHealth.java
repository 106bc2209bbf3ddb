package dev.openclone.health;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Apple Health's {@code export.xml} (from the Health app: profile → Export All Health Data), read as a stream of
 * XML events — one record at a time, whatever the file's size (real ones reach gigabytes) — into
 * {@link HealthAggregates}. The DTD Apple puts at the top is skipped, never fetched.
 */
public final class AppleHealth {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    private static final String SLEEP = "HKCategoryTypeIdentifierSleepAnalysis";

    /** Quantity types read, with the metric each becomes. */
    private static final Map<String, String> QUANTITIES = Map.ofEntries(
            Map.entry("HKQuantityTypeIdentifierStepCount", "steps"),
            Map.entry("HKQuantityTypeIdentifierHeartRate", "heart_rate"),
            Map.entry("HKQuantityTypeIdentifierRestingHeartRate", "resting_heart_rate"),
            Map.entry("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "hrv"),
            Map.entry("HKQuantityTypeIdentifierActiveEnergyBurned", "active_energy"),
            Map.entry("HKQuantityTypeIdentifierDistanceWalkingRunning", "distance_km"),
            Map.entry("HKQuantityTypeIdentifierFlightsClimbed", "floors"),
            Map.entry("HKQuantityTypeIdentifierOxygenSaturation", "blood_oxygen"),
            Map.entry("HKQuantityTypeIdentifierRespiratoryRate", "respiratory_rate"),
            Map.entry("HKQuantityTypeIdentifierBodyMass", "weight_kg"),
            Map.entry("HKQuantityTypeIdentifierAppleExerciseTime", "exercise_minutes"));

    /** What a read found: the export's own date (periods after it are incomplete) and the records it could not use. */
    public static final class Result {
        public OffsetDateTime exportDate;
        public long records;
        public long unreadable;
        /** The place and reason of the first unreadable records (at most 5). */
        public final java.util.List<String> problems = new java.util.ArrayList<>();
        /** Set when the file stopped being XML: where, and why. The records before it were read. */
        public String fault;
    }

    private AppleHealth() {
    }

    public static Result read(InputStream xml, HealthAggregates into) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        Result result = new Result();
        Map<String, OffsetDateTime> dates = new HashMap<>();
        XMLStreamReader reader = null;
        WorkoutBuilder workout = null;
        try {
            reader = factory.createXMLStreamReader(xml, "UTF-8");
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT && workout != null
                        && reader.getLocalName().equals("Workout")) {
                    workout.finish(into);
                    workout = null;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = reader.getLocalName();
                try {
                    switch (name) {
                        case "Record" -> {
                            result.records++;
                            record(reader, into, dates);
                        }
                        case "Workout" -> {
                            result.records++;
                            workout = new WorkoutBuilder(reader, dates);
                        }
                        case "WorkoutStatistics" -> {
                            if (workout != null) {
                                workout.statistics(reader);
                            }
                        }
                        case "ExportDate" -> result.exportDate = date(reader.getAttributeValue(null, "value"), dates);
                        default -> {
                        }
                    }
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    result.unreadable++;
                    if (result.problems.size() < 5) {
                        result.problems.add("line " + reader.getLocation().getLineNumber() + ": " + name + ": "
                                + e.getMessage());
                    }
                }
            }
        } catch (XMLStreamException e) {
            result.fault = (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": ") + "not well-formed XML ("
                    + e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "")
                    .strip() + ")";
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // the stream is closed by the caller
                }
            }
        }
        return result;
    }

    private static void record(XMLStreamReader r, HealthAggregates into, Map<String, OffsetDateTime> dates) {
        String type = r.getAttributeValue(null, "type");
        String source = String.valueOf(r.getAttributeValue(null, "sourceName"));
        if (SLEEP.equals(type)) {
            String value = String.valueOf(r.getAttributeValue(null, "value"));
            if (value.startsWith("HKCategoryValueSleepAnalysisAsleep")) {
                OffsetDateTime start = date(r.getAttributeValue(null, "startDate"), dates);
                OffsetDateTime end = date(r.getAttributeValue(null, "endDate"), dates);
                into.add("sleep_hours", end, (end.toEpochSecond() - start.toEpochSecond()) / 3600.0, source);
            }
            return;
        }
        String metric = QUANTITIES.get(type);
        if (metric == null) {
            return;
        }
        double value = number(r.getAttributeValue(null, "value"));
        String unit = String.valueOf(r.getAttributeValue(null, "unit"));
        into.add(metric, date(r.getAttributeValue(null, "startDate"), dates), convert(metric, value, unit), source);
    }

    /** Units as Apple writes them, to the ones OpenClone's metrics use. */
    static double convert(String metric, double value, String unit) {
        return switch (unit) {
            case "kJ" -> value / 4.184;
            case "mi" -> value * 1.609344;
            case "m" -> metric.equals("distance_km") ? value / 1000 : value;
            case "lb" -> value * 0.45359237;
            case "%" -> value <= 1 ? value * 100 : value;
            case "s" -> metric.equals("exercise_minutes") ? value / 60 : value;
            case "hr" -> metric.equals("exercise_minutes") ? value * 60 : value;
            default -> value;
        };
    }

    private static double number(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no value");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value \"" + text + "\" is not a number");
        }
    }

    /** Apple's dates ({@code 2024-01-01 09:50:00 +0100}); the few distinct ones of a run of records cached. */
    private static OffsetDateTime date(String text, Map<String, OffsetDateTime> cache) {
        if (text == null) {
            throw new IllegalArgumentException("a date is missing");
        }
        OffsetDateTime known = cache.get(text);
        if (known == null) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            known = OffsetDateTime.parse(text, DATE);
            cache.put(text, known);
        }
        return known;
    }

    /** A workout, its totals from its attributes or (newer exports) its WorkoutStatistics children. */
    private static final class WorkoutBuilder {
        final OffsetDateTime start;
        final String activity;
        final double minutes;
        Double distance;
        Double energy;

        WorkoutBuilder(XMLStreamReader r, Map<String, OffsetDateTime> dates) {
            start = date(r.getAttributeValue(null, "startDate"), dates);
            OffsetDateTime end = date(r.getAttributeValue(null, "endDate"), dates);
            activity = String.valueOf(r.getAttributeValue(null, "workoutActivityType"))
                    .replaceFirst("^HKWorkoutActivityType", "");
            String duration = r.getAttributeValue(null, "duration");
            double min = duration == null ? (end.toEpochSecond() - start.toEpochSecond()) / 60.0 : number(duration);
            minutes = "s".equals(r.getAttributeValue(null, "durationUnit")) ? min / 60 : min;
            String total = r.getAttributeValue(null, "totalDistance");
            if (total != null) {
                distance = convert("distance_km", number(total),
                        String.valueOf(r.getAttributeValue(null, "totalDistanceUnit")));
            }
            String kcal = r.getAttributeValue(null, "totalEnergyBurned");
            if (kcal != null) {
                energy = convert("active_energy", number(kcal),
                        String.valueOf(r.getAttributeValue(null, "totalEnergyBurnedUnit")));
            }
        }

        void statistics(XMLStreamReader r) {
            String type = String.valueOf(r.getAttributeValue(null, "type"));
            String sum = r.getAttributeValue(null, "sum");
            if (sum == null) {
                return;
            }
            String unit = String.valueOf(r.getAttributeValue(null, "unit"));
            if (type.startsWith("HKQuantityTypeIdentifierDistance") && distance == null) {
                distance = convert("distance_km", number(sum), unit);
            } else if (type.equals("HKQuantityTypeIdentifierActiveEnergyBurned") && energy == null) {
                energy = convert("active_energy", number(sum), unit);
            }
        }

        void finish(HealthAggregates into) {
            into.workout(start, activity, Math.round(minutes * 100) / 100.0, distance, energy);
        }
    }
}
