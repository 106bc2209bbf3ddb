package dev.openclone.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Sha256;
import dev.openclone.index.IndexWriter;
import dev.openclone.index.VaultEdits;
import dev.openclone.vault.MarkdownText;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a daily file as a person left it into the index (the vault is the truth). Each live event of the file is
 * looked for by the hash of its entry ({@link Forget#locate}):
 * <ul>
 *   <li>found: unchanged; its offset and line are brought up to date;</li>
 *   <li>not found, and an entry-shaped block (a {@code ### } heading, up to its {@code ---}) that is no event's
 *       stands in its place — between the same found neighbours, in the same order: the person edited it; its body
 *       becomes the event's {@code text} (a conversation's messages give way to it), so the edited words are what
 *       the timeline shows and search finds;</li>
 *   <li>not found and nothing in its place: the person deleted it; the event becomes a tombstone, as if forgotten.</li>
 * </ul>
 * Nothing is written to the file: lines a person adds are never touched.
 */
final class Reconcile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEADING = "### ".getBytes(StandardCharsets.UTF_8);

    private Reconcile() {
    }

    /** What a reconcile changed in the index: entries a person edited, and entries a person deleted. */
    record Outcome(int edited, int deleted) {
    }

    static Outcome file(IndexWriter index, VaultFiles vault, String file, double now)
            throws SQLException, IOException {
        List<VaultEdits.Placed> rows = index.edits().liveInFile(file);
        if (rows.isEmpty()) {
            return new Outcome(0, 0);
        }
        byte[] content = vault.readAll(file);
        long[] newlines = newlinePositions(content);
        Map<Long, Forget.Range> found = new HashMap<>();
        List<Forget.Range> taken = new ArrayList<>();
        for (VaultEdits.Placed row : rows) {
            Optional<Forget.Range> at = Forget.locate(content, row);
            if (at.isPresent() && taken.stream().noneMatch(r -> Forget.overlaps(r, at.get()))) {
                found.put(row.id(), at.get());
                taken.add(at.get());
            }
        }
        List<Forget.Range> strangers = new ArrayList<>();
        for (Forget.Range block : blocks(content)) {
            if (taken.stream().noneMatch(r -> Forget.overlaps(r, block))) {
                strangers.add(block);
            }
        }
        Map<Long, Forget.Range> edited = new HashMap<>();
        List<Long> deleted = new ArrayList<>();
        Set<List<String>> devices = new LinkedHashSet<>();
        long gapStart = 0;
        int next = 0;
        for (int i = 0; i < rows.size(); i++) {
            VaultEdits.Placed row = rows.get(i);
            Forget.Range at = found.get(row.id());
            if (at != null) {
                gapStart = at.offset() + at.length();
                continue;
            }
            long gapEnd = content.length;
            for (int j = i + 1; j < rows.size(); j++) {
                if (found.containsKey(rows.get(j).id())) {
                    gapEnd = found.get(rows.get(j).id()).offset();
                    break;
                }
            }
            while (next < strangers.size() && strangers.get(next).offset() < gapStart) {
                next++;
            }
            if (next < strangers.size() && strangers.get(next).offset() + strangers.get(next).length() <= gapEnd) {
                edited.put(row.id(), strangers.get(next++));
            } else {
                deleted.add(row.id());
                devices.add(List.of(row.pluginId(), row.deviceId()));
            }
        }
        for (VaultEdits.Placed row : rows) {
            Forget.Range at = found.get(row.id());
            long line = at == null ? 0 : headingLine(content, newlines, at);
            if (at != null && (at.offset() != row.offset() || line != row.line())) {
                index.edits().place(row.id(), at.offset(), at.length(), line, Sha256.of(slice(content, at)));
            }
        }
        if (!edited.isEmpty()) {
            long change = index.edits().change("vault", now, edited.size());
            for (Map.Entry<Long, Forget.Range> edit : edited.entrySet()) {
                Forget.Range at = edit.getValue();
                index.edits().edit(edit.getKey(), edited(index.edits().data(edit.getKey()), slice(content, at)), at.offset(),
                        at.length(), headingLine(content, newlines, at), Sha256.of(slice(content, at)), change);
            }
        }
        if (!deleted.isEmpty()) {
            index.edits().tombstone(deleted, "vault", now, devices);
        }
        index.commit();
        return new Outcome(edited.size(), deleted.size());
    }

    /**
     * The entry-shaped blocks of a file: from a {@code ### } heading line (with the newline before it, as the
     * server writes entries) to the end of the first {@code ---} line after it, or to the next heading.
     */
    static List<Forget.Range> blocks(byte[] content) {
        List<Integer> headings = new ArrayList<>();
        for (int at = 0; at < content.length; at++) {
            if ((at == 0 || content[at - 1] == '\n') && Forget.startsWith(content, at, HEADING)) {
                headings.add(at);
            }
        }
        List<Forget.Range> blocks = new ArrayList<>();
        for (int h = 0; h < headings.size(); h++) {
            int heading = headings.get(h);
            int limit = h + 1 < headings.size() ? headings.get(h + 1) : content.length;
            // The server's entries begin with the blank line before their heading; a conversation's do not.
            int start = heading >= 2 && content[heading - 1] == '\n' && content[heading - 2] == '\n' ? heading - 1
                    : heading;
            int end = limit;
            int lineStart = heading;
            while (lineStart < limit) {
                int lineEnd = lineStart;
                while (lineEnd < limit && content[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (lineStart > heading && lineEnd - lineStart == 3 && content[lineStart] == '-'
                        && content[lineStart + 1] == '-' && content[lineStart + 2] == '-') {
                    end = Math.min(limit, lineEnd + 1);
                    break;
                }
                lineStart = lineEnd + 1;
            }
            if (h + 1 < headings.size() && end == limit && limit > 0) {
                // no separator: the block ends before the newline that precedes the next heading
                end = limit - 1;
            }
            blocks.add(new Forget.Range(start, end - start));
        }
        return blocks;
    }

    /**
     * The event's data with a person's edit taken in: {@code text} is the entry's body as a reader sees it (after
     * the heading and its meta lines, before the closing {@code ---}).
     */
    static String edited(String data, byte[] entry) throws IOException {
        String body = body(entry);
        JsonNode parsed = data == null || data.isEmpty() ? JSON.createObjectNode() : JSON.readTree(data);
        ObjectNode node = parsed.isObject() ? (ObjectNode) parsed : JSON.createObjectNode();
        node.remove("messages");
        node.put("text", body);
        return JSON.writeValueAsString(node);
    }

    /** An entry's body as a reader sees it: after the heading and its meta lines, before the closing {@code ---}. */
    static String body(byte[] entry) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(entry, StandardCharsets.UTF_8)
                .strip().split("\n", -1)));
        int from = 1;
        while (from < lines.size() && !lines.get(from).isBlank()) {
            from++;
        }
        int to = lines.size();
        if (to > from && lines.get(to - 1).strip().equals("---")) {
            to--;
        }
        return from >= to ? "" : MarkdownText.unescape(String.join("\n", lines.subList(from, to)).strip());
    }

    static long headingLine(byte[] content, long[] newlines, Forget.Range at) {
        long start = at.offset();
        while (start < content.length && content[(int) start] == '\n') {
            start++;
        }
        int before = Arrays.binarySearch(newlines, start);
        return (before < 0 ? -before - 1 : before) + 1;
    }

    static long[] newlinePositions(byte[] content) {
        int count = 0;
        for (byte b : content) {
            if (b == '\n') {
                count++;
            }
        }
        long[] positions = new long[count];
        int i = 0;
        for (int at = 0; at < content.length; at++) {
            if (content[at] == '\n') {
                positions[i++] = at;
            }
        }
        return positions;
    }

    private static byte[] slice(byte[] content, Forget.Range range) {
        return Arrays.copyOfRange(content, (int) range.offset(), (int) (range.offset() + range.length()));
    }
}
