package dev.openclone.obsidian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One vault's notes as last sent, and what changed since: a note is read only when its size or modification time
 * moved, and sent only once it has been left alone for {@code settleMillis} (an editor saving at each keystroke
 * makes one event, not hundreds) and its content differs from what was sent. A note gone while another with its
 * content appeared is a rename; a note gone for {@code settleMillis} is a deletion. The first look at a vault
 * imports its notes, {@code importBatch} at a time. The state ({@link #toJson}) holds paths, stamps, content
 * hashes, titles and — for notes over the text limit only — hashes of their lines: never their text.
 */
final class VaultChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultFolder folder;
    private final int maxTextChars;
    private final long settleMillis;
    private final int importBatch;
    private final Map<String, Known> notes = new HashMap<>();
    private boolean imported;
    private int importTotal;
    private boolean dirty;

    private static final class Known {
        long size;
        long modified;
        String hash;
        String title;
        long[] lines;
        long missingSince;
    }

    VaultChanges(VaultFolder folder, int maxTextChars, long settleMillis, int importBatch, JsonNode saved) {
        this.folder = folder;
        this.maxTextChars = maxTextChars;
        this.settleMillis = settleMillis;
        this.importBatch = importBatch;
        if (saved != null && saved.isObject()) {
            imported = saved.path("imported").asBoolean();
            saved.path("notes").fields().forEachRemaining(e -> {
                Known k = new Known();
                JsonNode n = e.getValue();
                k.size = n.path("size").asLong();
                k.modified = n.path("modified").asLong();
                k.hash = n.path("hash").asText();
                k.title = n.path("title").asText();
                k.missingSince = n.path("missing_since").asLong();
                if (n.path("lines").isArray()) {
                    k.lines = new long[n.path("lines").size()];
                    for (int i = 0; i < k.lines.length; i++) {
                        k.lines[i] = n.path("lines").get(i).asLong();
                    }
                }
                notes.put(e.getKey(), k);
            });
        }
    }

    boolean imported() {
        return imported;
    }

    /** How many notes the first run imports in all (known once it started), and how many it has. */
    int importTotal() {
        return importTotal;
    }

    /** Whether the state changed since the last call. */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    int known() {
        return notes.size();
    }

    /** Counts of what was left out, by reason; filled by {@link #look}. */
    final Map<String, Integer> skipped = new HashMap<>();

    /** What changed since the last look, at {@code now} (ms). */
    List<NoteChange> look(long now) throws IOException {
        Map<String, VaultFolder.Stamp> present = folder.list();
        List<NoteChange> changes = new ArrayList<>();
        if (!imported) {
            importTotal = present.size();
            int done = 0;
            for (Map.Entry<String, VaultFolder.Stamp> note : present.entrySet()) {
                if (notes.containsKey(note.getKey())) {
                    continue;
                }
                if (done == importBatch) {
                    return changes;
                }
                read(note.getKey(), note.getValue(), "imported", null, now).ifPresent(changes::add);
                done++;
            }
            imported = true;
            dirty = true;
            return changes;
        }
        Set<String> appeared = new LinkedHashSet<>();
        for (Map.Entry<String, VaultFolder.Stamp> note : present.entrySet()) {
            Known known = notes.get(note.getKey());
            VaultFolder.Stamp stamp = note.getValue();
            if (known != null) {
                if (known.missingSince != 0) {
                    known.missingSince = 0;
                    dirty = true;
                }
                if (known.size == stamp.size() && known.modified == stamp.modifiedMillis()) {
                    continue;
                }
            }
            if (now - stamp.modifiedMillis() < settleMillis) {
                continue; // still being written: looked at again once left alone
            }
            if (known == null) {
                appeared.add(note.getKey());
            } else {
                read(note.getKey(), stamp, "changed", known, now).ifPresent(changes::add);
            }
        }
        Map<String, String> goneByHash = new HashMap<>();
        for (Map.Entry<String, Known> note : notes.entrySet()) {
            if (!present.containsKey(note.getKey())) {
                goneByHash.putIfAbsent(note.getValue().hash, note.getKey());
            }
        }
        Set<String> renamedFrom = new HashSet<>();
        for (String path : appeared) {
            byte[] bytes = bytes(path);
            if (bytes == null) {
                continue;
            }
            String from = goneByHash.remove(hash(bytes));
            if (from != null) {
                renamedFrom.add(from);
                Known old = notes.remove(from);
                VaultFolder.Stamp stamp = present.get(path);
                old.size = stamp.size();
                old.modified = stamp.modifiedMillis();
                old.missingSince = 0;
                NoteText text = NoteText.parse(fileName(path), new String(bytes, StandardCharsets.UTF_8));
                old.title = text.title();
                notes.put(path, old);
                dirty = true;
                if (text.optedOut()) {
                    count("opted_out");
                    continue;
                }
                changes.add(new NoteChange("renamed", folder.name(), path, from, text.title(),
                        "Renamed from " + from + " to " + path + ".", text.tags(), now / 1000.0,
                        ref(path, old.hash)));
            } else {
                read(path, present.get(path), "created", null, now).ifPresent(changes::add);
            }
        }
        Iterator<Map.Entry<String, Known>> all = notes.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<String, Known> note = all.next();
            if (present.containsKey(note.getKey()) || renamedFrom.contains(note.getKey())) {
                continue;
            }
            Known gone = note.getValue();
            if (gone.missingSince == 0) {
                gone.missingSince = now;
                dirty = true;
            } else if (now - gone.missingSince >= settleMillis) {
                all.remove();
                dirty = true;
                changes.add(new NoteChange("deleted", folder.name(), note.getKey(), null, gone.title,
                        "Deleted " + note.getKey() + ".", List.of(), now / 1000.0,
                        ref(note.getKey(), gone.hash) + ":deleted"));
            }
        }
        return changes;
    }

    private java.util.Optional<NoteChange> read(String path, VaultFolder.Stamp stamp, String kind, Known known,
            long now) throws IOException {
        byte[] bytes = bytes(path);
        if (bytes == null) {
            return java.util.Optional.empty();
        }
        String hash = hash(bytes);
        Known k = known == null ? new Known() : known;
        long[] before = k.lines;
        boolean same = hash.equals(k.hash);
        k.size = stamp.size();
        k.modified = stamp.modifiedMillis();
        k.hash = hash;
        k.missingSince = 0;
        notes.put(path, k);
        dirty = true;
        if (same) {
            return java.util.Optional.empty(); // touched, not changed
        }
        NoteText text = NoteText.parse(fileName(path), new String(bytes, StandardCharsets.UTF_8));
        k.title = text.title();
        long[] lines = text.body().length() > maxTextChars ? lineHashes(text.body()) : null;
        k.lines = lines;
        if (text.optedOut()) {
            count("opted_out");
            return java.util.Optional.empty();
        }
        if (text.title().isBlank() && text.body().isBlank()) {
            count("empty");
            return java.util.Optional.empty();
        }
        String body = text.body();
        if (body.length() > maxTextChars) {
            body = "changed".equals(kind) && before != null ? summary(body, before) : cut(body, maxTextChars);
        }
        return java.util.Optional.of(new NoteChange(kind, folder.name(), path, null, text.title(), body, text.tags(),
                stamp.modifiedMillis() / 1000.0, ref(path, hash)));
    }

    /** A large note's change: counts, then the lines it gained (cut to the limit). */
    private String summary(String body, long[] before) {
        Set<Long> old = new HashSet<>();
        for (long h : before) {
            old.add(h);
        }
        List<String> lines = body.lines().toList();
        Set<Long> now = new HashSet<>();
        StringBuilder added = new StringBuilder();
        int addedCount = 0;
        for (String line : lines) {
            long h = lineHash(line);
            now.add(h);
            if (!line.isBlank() && !old.contains(h)) {
                addedCount++;
                added.append(line).append('\n');
            }
        }
        long removed = old.stream().filter(h -> !now.contains(h)).count();
        String head = "Changed: " + addedCount + " lines added, " + removed + " removed (the note has "
                + body.length() + " characters).";
        return cut(head + "\n\n" + added.toString().strip(), maxTextChars);
    }

    private static long[] lineHashes(String body) {
        return body.lines().filter(l -> !l.isBlank()).mapToLong(VaultChanges::lineHash).distinct().toArray();
    }

    private static long lineHash(String line) {
        byte[] digest = sha256(line.strip().getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        return h;
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private byte[] bytes(String path) throws IOException {
        try {
            return Files.readAllBytes(folder.root().resolve(path));
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private String ref(String path, String hash) {
        return "obsidian:" + folder.name() + "/" + path + "@" + hash.substring(0, 16);
    }

    private void count(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String hash(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("imported", imported);
        ObjectNode all = root.putObject("notes");
        notes.forEach((path, k) -> {
            ObjectNode n = all.putObject(path);
            n.put("size", k.size).put("modified", k.modified).put("hash", k.hash).put("title", k.title);
            if (k.missingSince != 0) {
                n.put("missing_since", k.missingSince);
            }
            if (k.lines != null) {
                ArrayNode lines = n.putArray("lines");
                for (long h : k.lines) {
                    lines.add(h);
                }
            }
        });
        return root;
    }
}
