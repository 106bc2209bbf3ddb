package dev.openclone.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Events waiting to be sent, on disk, so that neither a crash nor an offline server loses any. New events are
 * appended to {@code current.ndjson} and fsync'd before {@link #append} returns. The sender seals the current
 * file into a numbered segment, sends it, and deletes the segment only when every event of it was answered. A
 * crash before the delete sends the segment again; its events carry raw_refs, so the server skips what it
 * already stored. A line cut off by a crash was never acknowledged, and is skipped on reading.
 */
final class Spool {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURRENT = "current.ndjson";

    private final Path dir;
    private long nextSegment;

    Spool(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        nextSegment = segments().stream().mapToLong(Spool::number).max().orElse(0) + 1;
    }

    /** Appends the events durably: they are on disk when this returns. */
    synchronized void append(Collection<Event> events) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Event event : events) {
            ObjectNode line = JSON.createObjectNode();
            line.put("source_type", event.sourceType());
            line.put("timestamp", event.timestamp());
            line.set("data", JSON.valueToTree(event.data()));
            line.put("raw_ref", event.rawRef());
            if (!event.replaces().isEmpty()) {
                event.replaces().forEach(line.putArray("replaces")::add);
            }
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(CURRENT), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Turns the current file into the next segment (if it has anything); appends go to a new current file. */
    synchronized void seal() throws IOException {
        Path current = dir.resolve(CURRENT);
        if (!Files.exists(current) || Files.size(current) == 0) {
            return;
        }
        Files.move(current, dir.resolve(String.format("%012d.ndjson", nextSegment++)),
                StandardCopyOption.ATOMIC_MOVE);
        fsyncDir();
    }

    /** The sealed segments, oldest first. */
    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{12}\\.ndjson")).sorted().toList();
        }
    }

    /** Events waiting: in segments and in the current file. */
    int pending() throws IOException {
        int count = 0;
        for (Path segment : segments()) {
            count += read(segment).size();
        }
        return count + read(dir.resolve(CURRENT)).size();
    }

    /** The events of a segment; lines a crash cut off are skipped. */
    static List<Event> read(Path segment) throws IOException {
        List<Event> events = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return events;
        }
        for (String line : lines) {
            try {
                JsonNode json = JSON.readTree(line);
                @SuppressWarnings("unchecked")
                Map<String, Object> data = JSON.treeToValue(json.get("data"), Map.class);
                java.util.List<String> replaces = new java.util.ArrayList<>();
                json.path("replaces").forEach(r -> replaces.add(r.asText()));
                events.add(new Event(json.get("source_type").asText(), json.get("timestamp").asDouble(), data,
                        json.get("raw_ref").asText(), replaces));
            } catch (IOException | RuntimeException torn) {
                // only a line a crash cut off is unreadable: it was never acknowledged to the caller
            }
        }
        return events;
    }

    void delete(Path segment) throws IOException {
        Files.deleteIfExists(segment);
        fsyncDir();
    }

    private void fsyncDir() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }
}
