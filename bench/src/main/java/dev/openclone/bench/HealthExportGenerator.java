package dev.openclone.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes an Apple Health {@code export.xml} of about the size asked for, shaped like a real one: Apple's DTD, an
 * ExportDate, then records of each kind the importer reads (steps from two sources, heart rate, HRV, energy,
 * distance, sleep stages, weight) spread over the years before the export, and workouts. Seeded: the same size
 * gives the same file. Usage: {@code HealthExportGenerator FILE MEGABYTES}.
 */
public final class HealthExportGenerator {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HealthExportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        long records = target / 235; // the average record line below
        LocalDateTime end = LocalDateTime.of(2026, 11, 1, 0, 0);
        LocalDateTime start = end.minusYears(5);
        long span = java.time.Duration.between(start, end).getSeconds();
        Random random = new Random(42);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE HealthData [
                    <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
                    <!ATTLIST HealthData locale CDATA #REQUIRED>
                    <!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
                    ]>
                    <HealthData locale="en_GB">
                    """);
            out.write(" <ExportDate value=\"" + DATE.format(end) + " +0100\"/>\n");
            out.write(" <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1980-01-01\" HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexNotSet\"/>\n");
            for (long i = 0; i < records; i++) {
                LocalDateTime at = start.plusSeconds(i * span / records);
                String when = DATE.format(at) + " +0100";
                String until = DATE.format(at.plusMinutes(5)) + " +0100";
                int kind = (int) (i % 10);
                switch (kind) {
                    case 0, 1 -> record(out, "HKQuantityTypeIdentifierStepCount", "Alex’s iPhone", "count", when,
                            until, String.valueOf(20 + random.nextInt(400)));
                    case 2 -> record(out, "HKQuantityTypeIdentifierStepCount", "Alex’s Apple Watch", "count", when,
                            until, String.valueOf(20 + random.nextInt(400)));
                    case 3, 4 -> record(out, "HKQuantityTypeIdentifierHeartRate", "Alex’s Apple Watch", "count/min",
                            when, when, String.valueOf(55 + random.nextInt(60)));
                    case 5 -> record(out, "HKQuantityTypeIdentifierActiveEnergyBurned", "Alex’s Apple Watch", "kcal",
                            when, until, String.format("%.3f", random.nextDouble() * 20));
                    case 6 -> record(out, "HKQuantityTypeIdentifierDistanceWalkingRunning", "Alex’s iPhone", "km",
                            when, until, String.format("%.4f", random.nextDouble() * 0.4));
                    case 7 -> record(out, "HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "Alex’s Apple Watch",
                            "ms", when, when, String.format("%.2f", 20 + random.nextDouble() * 60));
                    case 8 -> out.write(" <Record type=\"HKCategoryTypeIdentifierSleepAnalysis\" sourceName=\"Alex’s "
                            + "Apple Watch\" sourceVersion=\"10.1\" creationDate=\"" + until + "\" startDate=\"" + when
                            + "\" endDate=\"" + until + "\" value=\"HKCategoryValueSleepAnalysisAsleepCore\"/>\n");
                    default -> {
                        if (i % 1000 == 9) {
                            out.write(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"30\" "
                                    + "durationUnit=\"min\" sourceName=\"Alex’s Apple Watch\" creationDate=\"" + until
                                    + "\" startDate=\"" + when + "\" endDate=\"" + until + "\">\n  <WorkoutStatistics "
                                    + "type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"" + when
                                    + "\" endDate=\"" + until + "\" sum=\"5.1\" unit=\"km\"/>\n </Workout>\n");
                        } else {
                            record(out, "HKQuantityTypeIdentifierBodyMass", "Withings", "kg", when, when,
                                    String.format("%.1f", 70 + random.nextDouble() * 5));
                        }
                    }
                }
            }
            out.write("</HealthData>\n");
        }
    }

    private static void record(Writer out, String type, String source, String unit, String start, String end,
            String value) throws IOException {
        out.write(" <Record type=\"" + type + "\" sourceName=\"" + source + "\" sourceVersion=\"17.1\" unit=\"" + unit
                + "\" creationDate=\"" + end + "\" startDate=\"" + start + "\" endDate=\"" + end + "\" value=\""
                + value + "\"/>\n");
    }
}
