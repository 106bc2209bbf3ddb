package dev.openclone.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Sha256;
import dev.openclone.event.SourceType;
import dev.openclone.index.EventRow;
import dev.openclone.index.Index;
import dev.openclone.index.IndexScans;
import dev.openclone.vault.MarkdownText;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a vault's index anew from its Markdown files alone (the server stopped), for an index that is lost or
 * broken. Every entry-shaped block of every daily file becomes an event:
 * <ul>
 *   <li>when the old index can still be read and holds an event whose entry hashes as the block does, that event
 *       is taken over whole: its dedup key (so a plugin's replay is still skipped, raw_ref or not), data, raw_ref
 *       and kinds. The old index's tombstones are kept too;</li>
 *   <li>otherwise the event is made from the entry: its source type from the folder, its time from the file's
 *       date and the heading's {@code HH:MM} (in the vault's zone), device and plugin from the meta line, the
 *       heading's label and the body as data ({@code text}); its dedup key is derived from the entry's bytes, so a
 *       second rebuild makes the same. A replay of such an event is not recognised: the key it was stored under
 *       was in the index that is gone.</li>
 * </ul>
 * The new index is written beside the old one and renamed over it at the end: a rebuild that stops half way leaves
 * the old index as it was, and running it again gives the same index.
 */
public final class VaultRebuild {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DAY = Pattern.compile("(?:conversations-)?(\\d{4}-\\d{2}-\\d{2})\\.md");
    private static final Pattern HEADING = Pattern.compile("### (\\d{2}:\\d{2})(?: · (.*))?");

    private VaultRebuild() {
    }

    /**
     * What a rebuild did.
     *
     * @param recovered  events taken over from the old index (their entry unchanged)
     * @param rebuilt    events made from their entry alone
     * @param tombstones forgotten events kept as tombstones
     */
    public record Result(int files, int recovered, int rebuilt, int tombstones, boolean oldIndexRead) {
    }

    /**
     * @param conversationFolder where the conversation notes are
     * @param progress           told the number of entries read, now and then
     */
    public static Result run(Path vaultRoot, ZoneId zone, String conversationFolder, double now,
            LongConsumer progress) throws IOException, SQLException {
        Map<String, List<IndexScans.Salvaged>> byHash = new HashMap<>();
        List<IndexScans.Salvaged> tombstones = new ArrayList<>();
        boolean oldRead = true;
        try {
            new IndexScans(vaultRoot).salvage(event -> {
                if (event.forgotten()) {
                    tombstones.add(event);
                } else if (event.entryHash() != null) {
                    byHash.computeIfAbsent(HexFormat.of().formatHex(event.entryHash()), h -> new ArrayList<>())
                            .add(event);
                }
            });
        } catch (IOException broken) {
            oldRead = false;
        }
        Path indexFile = Index.file(vaultRoot);
        Path fresh = indexFile.resolveSibling("index.db.rebuild");
        deleteIndexFiles(fresh);
        VaultFiles vault = new VaultFiles(vaultRoot);
        int files = 0;
        int recovered = 0;
        int rebuilt = 0;
        Map<List<String>, Integer> devices = new HashMap<>();
        try (Index.Fresh out = Index.fresh(fresh)) {
            for (Day day : days(vaultRoot, conversationFolder)) {
                files++;
                byte[] content = vault.readAll(day.file());
                long[] newlines = Reconcile.newlinePositions(content);
                for (Forget.Range block : Reconcile.blocks(content)) {
                    byte[] bytes = Arrays.copyOfRange(content, (int) block.offset(),
                            (int) (block.offset() + block.length()));
                    byte[] hash = Sha256.of(bytes);
                    long line = Reconcile.headingLine(content, newlines, block);
                    List<IndexScans.Salvaged> same = byHash.get(HexFormat.of().formatHex(hash));
                    EventRow row;
                    byte[] key;
                    double receivedAt;
                    if (same != null && !same.isEmpty()) {
                        IndexScans.Salvaged old = same.remove(0);
                        row = old.row();
                        key = old.dedupKey();
                        receivedAt = old.receivedAt();
                        recovered++;
                    } else {
                        row = fromEntry(day, bytes, zone);
                        key = Sha256.of("rebuilt from the vault\n" + day.file() + "\n" + HexFormat.of().formatHex(hash));
                        receivedAt = now;
                        rebuilt++;
                    }
                    if (out.writer().insert(key, row, receivedAt, day.file(), block.offset(), block.length(), line,
                            hash)) {
                        devices.merge(List.of(row.pluginId(), row.deviceId()), 1, Integer::sum);
                    }
                    if ((recovered + rebuilt) % 1_000 == 0) {
                        out.writer().commit();
                        progress.accept(recovered + rebuilt);
                    }
                }
            }
            for (IndexScans.Salvaged tombstone : tombstones) {
                out.writer().insertTombstone(tombstone.dedupKey(), tombstone.row());
            }
            out.writer().countDevices(devices, now);
            out.writer().commit();
        }
        progress.accept(recovered + rebuilt);
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(indexFile.resolveSibling(indexFile.getFileName() + suffix));
            Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + suffix));
        }
        Files.move(fresh, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(files, recovered, rebuilt, tombstones.size(), oldRead);
    }

    /** A daily file: its vault path, its source type and its date. */
    record Day(String file, SourceType type, LocalDate date) {
    }

    private static List<Day> days(Path vaultRoot, String conversationFolder) throws IOException {
        List<Day> days = new ArrayList<>();
        for (SourceType type : SourceType.values()) {
            String folder = type == SourceType.CONVERSATION ? conversationFolder : type.folder();
            Path dir = vaultRoot.resolve(folder);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    Matcher name = DAY.matcher(file.getFileName().toString());
                    boolean conversation = file.getFileName().toString().startsWith("conversations-");
                    if (name.matches() && conversation == (type == SourceType.CONVERSATION)
                            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        try {
                            days.add(new Day(folder + "/" + file.getFileName(), type, LocalDate.parse(name.group(1))));
                        } catch (DateTimeParseException notADay) {
                            // a file named like a day that is none (2024-02-31): not the server's
                        }
                    }
                }
            }
        }
        return days;
    }

    /** An event made from its entry alone: what the Markdown still says of it. */
    static EventRow fromEntry(Day day, byte[] entry, ZoneId zone) throws IOException {
        String[] lines = new String(entry, StandardCharsets.UTF_8).strip().split("\n", -1);
        Matcher heading = HEADING.matcher(lines[0]);
        LocalTime time = LocalTime.MIDNIGHT;
        String label = null;
        if (heading.matches()) {
            try {
                time = LocalTime.parse(heading.group(1));
            } catch (DateTimeParseException e) {
                // keep midnight
            }
            label = heading.group(2);
        }
        String device = "unknown";
        String plugin = "unknown";
        if (lines.length > 1) {
            for (String part : lines[1].split(" · ")) {
                if (part.startsWith("Device: ")) {
                    device = part.substring("Device: ".length()).strip();
                } else if (part.startsWith("Plugin: ")) {
                    plugin = part.substring("Plugin: ".length()).strip();
                }
            }
        }
        ObjectNode data = JSON.createObjectNode();
        if (label != null && !label.isBlank()) {
            data.put(labelField(day.type()), MarkdownText.unescape(label.strip()));
        }
        data.put("text", Reconcile.body(entry));
        double at = day.date().atTime(time).atZone(zone).toInstant().getEpochSecond();
        return new EventRow(day.type().wireName(), "unknown", device, plugin, "0", null, at,
                JSON.writeValueAsString(data));
    }

    /** The data field a type's heading label shows. */
    private static String labelField(SourceType type) {
        return switch (type) {
            case AUDIO_SYSTEM, AUDIO_MIC, SCREEN_OCR, ACTIVITY -> "app_name";
            case MUSIC -> "track";
            case GPS -> "place_name";
            case PHOTOS -> "filename";
            case EMAIL -> "subject";
            case MESSAGING -> "from";
            default -> "title";
        };
    }

    private static void deleteIndexFiles(Path fresh) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + suffix));
        }
    }
}
