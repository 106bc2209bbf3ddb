package dev.openclone.health;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A health export file of either kind, recognised by its content, read into summed-up periods and workouts. */
public final class HealthExport {

    /** What an import sends, with what it read and what it could not. */
    public record Read(String kind, long records, List<HealthAggregates.Period> periods,
            List<HealthAggregates.Workout> workouts, List<String> problems) {
    }

    /** The file is neither kind of export. */
    public static final class NotAnExport extends Exception {
        NotAnExport(String message) {
            super(message);
        }
    }

    /** Shows how far the reading is: bytes read so far. */
    public interface Progress {
        void show(long bytes, long records);

        void clear();
    }

    private HealthExport() {
    }

    public static Read read(Path file, Progress progress) throws IOException, NotAnExport {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry xml = null;
                ZipEntry db = null;
                for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
                    ZipEntry entry = all.nextElement();
                    String entryName = entry.getName();
                    if (entryName.endsWith("/export.xml") || entryName.equals("export.xml")) {
                        xml = entry;
                    } else if (entryName.endsWith(".db") && db == null) {
                        db = entry;
                    }
                }
                if (xml != null) {
                    try (InputStream in = zip.getInputStream(xml)) {
                        return apple(in, progress);
                    }
                }
                if (db != null) {
                    Path copy = Files.createTempFile("health-connect", ".db");
                    try (InputStream in = zip.getInputStream(db)) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                        return connect(copy);
                    } finally {
                        Files.deleteIfExists(copy);
                    }
                }
            }
            throw new NotAnExport(file + " holds neither an Apple Health export.xml nor a Health Connect database");
        }
        byte[] head = new byte[16];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (start.startsWith("SQLite format 3")) {
                return connect(file);
            }
            if (!start.stripLeading().startsWith("<") && !start.startsWith("\uFEFF") && !start.startsWith("\u00EF")) {
                throw new NotAnExport(file + " is not a health export (neither XML nor SQLite)");
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return apple(in, progress);
        }
    }

    private static Read apple(InputStream raw, Progress progress) throws IOException {
        HealthAggregates into = new HealthAggregates("apple-health");
        AppleHealth.Result result;
        try (InputStream in = new Counting(raw, bytes -> progress.show(bytes, into.samples()))) {
            result = AppleHealth.read(in, into);
        } finally {
            progress.clear();
        }
        List<String> problems = new ArrayList<>();
        if (result.fault != null) {
            problems.add(result.fault + "; the records before it are imported");
        }
        if (result.unreadable > 0) {
            problems.add(result.unreadable + " records could not be read, the first at " + result.problems);
        }
        OffsetDateTime until = result.exportDate != null ? result.exportDate : into.latest();
        return new Read("apple-health", result.records, into.periods(until), into.workouts(), problems);
    }

    private static Read connect(Path db) throws IOException {
        HealthAggregates into = new HealthAggregates("health-connect");
        long rows = HealthConnect.read(db, into);
        return new Read("health-connect", rows, into.periods(into.latest()), into.workouts(), List.of());
    }

    /** Counts the bytes read, telling {@code every} each 8 MiB. */
    private static final class Counting extends FilterInputStream {
        private long count;
        private long told;
        private final LongConsumer every;

        Counting(InputStream in, LongConsumer every) {
            super(in);
            this.every = every;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            moved(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            moved(Math.max(0, n));
            return n;
        }

        private void moved(long n) {
            count += n;
            if (count - told >= 8 << 20) {
                told = count;
                every.accept(count);
            }
        }
    }
}
