package dev.openclone.store;

import dev.openclone.event.Sha256;
import dev.openclone.index.IndexWriter;
import dev.openclone.index.VaultEdits;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forgets stored events, on the writer thread. The order makes it crash-safe:
 * <ol>
 *   <li>each event's entry is found in its file: at its recorded offset, or, when a person's edits moved it, at
 *       another heading, by the hash of its bytes. An entry a person changed is not found, and stays in the file;</li>
 *   <li>one transaction (the commit point) makes the events tombstones (their dedup key stays, so a replay is
 *       skipped; their data goes), logs the cuts with the hash of the bytes each removes, and moves the entries
 *       that follow a cut to their new offset and line;</li>
 *   <li>the cuts are made, each file replaced whole ({@link Cuts}), and their log deleted;</li>
 *   <li>the WAL is emptied, so no older copy of the forgotten rows stays in it.</li>
 * </ol>
 * A crash after 2 is finished at start ({@link Recovery}); before it, nothing happened.
 */
final class Forget {

    private static final byte[] HEADING = "### ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "---\n".getBytes(StandardCharsets.UTF_8);

    private Forget() {
    }

    record Range(long offset, int length) {
    }

    static Forgotten run(IndexWriter index, VaultFiles vault, Collection<Long> ids, double now)
            throws SQLException, IOException {
        List<VaultEdits.Placed> rows = index.edits().live(ids);
        if (rows.isEmpty()) {
            return new Forgotten(0, 0, 0, List.of());
        }
        Set<Long> forgotten = new HashSet<>();
        Map<String, List<VaultEdits.Placed>> byFile = new LinkedHashMap<>();
        Set<List<String>> devices = new LinkedHashSet<>();
        for (VaultEdits.Placed row : rows) {
            forgotten.add(row.id());
            byFile.computeIfAbsent(row.file(), f -> new ArrayList<>()).add(row);
            devices.add(List.of(row.pluginId(), row.deviceId()));
        }
        int kept = 0;
        Map<String, List<Range>> cuts = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, List<VaultEdits.Placed>> file : byFile.entrySet()) {
            byte[] content = vault.readAll(file.getKey());
            contents.put(file.getKey(), content);
            List<Range> ranges = new ArrayList<>();
            for (VaultEdits.Placed row : file.getValue()) {
                Optional<Range> found = locate(content, row);
                if (found.isPresent() && ranges.stream().noneMatch(r -> overlaps(r, found.get()))) {
                    ranges.add(found.get());
                } else {
                    kept++;
                }
            }
            cuts.put(file.getKey(), ranges);
        }
        index.edits().tombstone(forgotten, now, devices);
        for (Map.Entry<String, List<Range>> file : cuts.entrySet()) {
            byte[] content = contents.get(file.getKey());
            for (Range range : file.getValue()) {
                index.edits().logCut(file.getKey(), range.offset(), range.length(), Sha256.of(slice(content, range)));
            }
            move(index, file.getKey(), content, file.getValue(), forgotten);
        }
        index.commit();
        CrashPoint.afterForgetCommit();
        int cut = 0;
        for (String file : cuts.keySet()) {
            cut += applyLogged(index, vault, file);
        }
        index.edits().purgeWal();
        return new Forgotten(rows.size(), cut, kept, List.copyOf(cuts.keySet()));
    }

    /** Makes the cuts logged for {@code file} and deletes their log; returns how many were made. */
    static int applyLogged(IndexWriter index, VaultFiles vault, String file) throws SQLException, IOException {
        List<VaultEdits.Cut> logged = index.edits().loggedCuts().stream().filter(c -> c.file().equals(file)).toList();
        int made = Cuts.apply(vault, file, logged);
        index.edits().forgetCuts(file);
        index.commit();
        return made;
    }

    /**
     * Records the new offset and line of every live entry of {@code file} that a cut before it moves, when the
     * entry is where the index says (one a person moved is left for the vault's reconciliation).
     */
    private static void move(IndexWriter index, String file, byte[] content, List<Range> ranges, Set<Long> forgotten)
            throws SQLException {
        if (ranges.isEmpty()) {
            return;
        }
        for (VaultEdits.Placed other : index.edits().liveInFile(file)) {
            if (forgotten.contains(other.id())) {
                continue;
            }
            long bytesBefore = 0;
            long newlinesBefore = 0;
            for (Range range : ranges) {
                if (range.offset() < other.offset()) {
                    bytesBefore += range.length();
                    newlinesBefore += newlines(slice(content, range));
                }
            }
            if (bytesBefore > 0) {
                index.edits().move(other.id(), other.offset() - bytesBefore, Math.max(0, other.line() - newlinesBefore));
            }
        }
    }

    /**
     * Where the entry of {@code row} is in {@code content}: at its recorded offset when its bytes are there; else
     * at the start of a heading line (or the newline before it) where bytes of its length hash as it did.
     */
    static Optional<Range> locate(byte[] content, VaultEdits.Placed row) {
        Range recorded = new Range(row.offset(), row.length());
        if (row.entryHash() == null) {
            // Stored before hashes were kept: trusted where it still looks like a whole entry.
            return looksLikeEntry(content, recorded) ? Optional.of(recorded) : Optional.empty();
        }
        if (Cuts.at(content, row.offset(), row.length(), row.entryHash())) {
            return Optional.of(recorded);
        }
        for (int start = 0; start < content.length; start++) {
            boolean lineStart = start == 0 || content[start - 1] == '\n';
            if (lineStart && startsWith(content, start, HEADING)) {
                for (int from : new int[] {start, start - 1}) {
                    if (from >= 0 && Cuts.at(content, from, row.length(), row.entryHash())) {
                        return Optional.of(new Range(from, row.length()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeEntry(byte[] content, Range range) {
        if (range.offset() < 0 || range.length() < HEADING.length + END.length
                || range.offset() + range.length() > content.length) {
            return false;
        }
        int from = (int) range.offset();
        while (from < content.length && content[from] == '\n') {
            from++;
        }
        int end = (int) (range.offset() + range.length());
        return startsWith(content, from, HEADING) && startsWith(content, end - END.length, END);
    }

    static boolean startsWith(byte[] content, int at, byte[] prefix) {
        return at >= 0 && at + prefix.length <= content.length
                && Arrays.equals(content, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static boolean overlaps(Range a, Range b) {
        return a.offset() < b.offset() + b.length() && b.offset() < a.offset() + a.length();
    }

    private static byte[] slice(byte[] content, Range range) {
        return Arrays.copyOfRange(content, (int) range.offset(), (int) (range.offset() + range.length()));
    }

    private static long newlines(byte[] bytes) {
        return LineCounts.newlines(bytes);
    }
}
