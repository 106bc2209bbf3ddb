package dev.openclone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.event.IngestBatch;
import dev.openclone.ingest.IngestValidator;
import dev.openclone.vault.DailyNote;
import dev.openclone.vault.EntryRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two reference points the server is measured against, on the same disk and with the same bodies:
 * <ul>
 *   <li><b>raw</b>: the batches' Markdown bytes, rendered beforehand, appended with one fsync per batch and
 *       touched file — what the disk allows;</li>
 *   <li><b>floor</b>: the request bytes parsed with Jackson, validated, rendered and appended with fsync per
 *       batch in one thread — the least an ingest server must do, without HTTP, dedup, redaction or index.</li>
 * </ul>
 */
final class Baselines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntryRenderer RENDERER = new EntryRenderer(ZoneOffset.UTC);

    private Baselines() {
    }

    /** The same kind of bodies as a load run: {@code count} batches of {@code size} events. */
    static List<byte[]> bodies(int count, int size) {
        Workload workload = new Workload("baseline", "bench-baseline", 42, System.currentTimeMillis() / 1000d);
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(workload.nextBatch(size));
        }
        return bodies;
    }

    /** Events per second of appending pre-rendered bytes with fsync per batch. */
    static double raw(List<byte[]> bodies, Path dir) throws IOException {
        List<Map<String, byte[]>> rendered = new ArrayList<>();
        long events = 0;
        for (byte[] body : bodies) {
            IngestBatch batch = parse(body);
            rendered.add(render(batch));
            events += batch.events().size();
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        for (Map<String, byte[]> files : rendered) {
            append(dir, files);
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /** Events per second of parse, validate, render and append with fsync per batch. */
    static double floor(List<byte[]> bodies, Path dir) throws IOException {
        Files.createDirectories(dir);
        long events = 0;
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            IngestBatch batch = parse(body);
            append(dir, render(batch));
            events += batch.events().size();
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static IngestBatch parse(byte[] body) throws IOException {
        JsonNode json = JSON.readTree(body);
        return IngestValidator.validate(json, System.currentTimeMillis() / 1000d).batch()
                .orElseThrow(() -> new IllegalStateException("the workload produced an invalid body"));
    }

    private static Map<String, byte[]> render(IngestBatch batch) {
        Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
        for (IngestBatch.Event event : batch.events()) {
            String file = DailyNote.of(batch.sourceType(), event.timestamp(), ZoneOffset.UTC).path();
            files.computeIfAbsent(file, f -> new ByteArrayOutputStream())
                    .writeBytes(RENDERER.render(batch, event).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((file, out) -> bytes.put(file, out.toByteArray()));
        return bytes;
    }

    private static void append(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(file.getValue());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        }
    }
}
