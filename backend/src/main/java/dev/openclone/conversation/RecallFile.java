package dev.openclone.conversation;

import dev.openclone.event.Sha256;
import dev.openclone.vault.VaultFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bounded per-sessionKey recall buffer of openclaw-universal-capture: one NDJSON file per sessionKey,
 * {@code <recallFolder>/<slug>-<12 hex of SHA-256>.ndjson}, rewritten whole (temporary file, then rename) on each
 * captured turn. Malformed lines are counted and dropped by the next rewrite; pruning keeps the newest
 * {@code recallTurns} lines, then drops the oldest while the file exceeds {@code recallMaxBytes}, but never the
 * last line.
 */
public final class RecallFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** What a recall file holds: its valid entries, oldest first, and how many lines were not valid. */
    public record Contents(List<RecallEntry> entries, int malformed) {
    }

    private RecallFile() {
    }

    /** The file name for a sessionKey, such as {@code agent-home-discord-channel-123-63b89c15d451.ndjson}. */
    public static String fileName(String sessionKey) {
        String slug = sessionKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String base = slug.isEmpty() ? "session" : slug;
        base = base.substring(0, Math.min(180, base.length())).replaceAll("-+$", "");
        if (base.isEmpty()) {
            base = "session";
        }
        return base + "-" + Sha256.hex(sessionKey).substring(0, 12) + ".ndjson";
    }

    /** The vault-relative path of a sessionKey's file under {@code folder}. */
    public static String path(String folder, String sessionKey) {
        return folder + "/" + fileName(sessionKey);
    }

    public static Contents read(VaultFiles vault, String path) throws IOException {
        return parse(new String(vault.readAll(path), StandardCharsets.UTF_8));
    }

    /** Parses NDJSON text, skipping blank lines and counting the lines that are not valid entries. */
    public static Contents parse(String text) {
        List<RecallEntry> entries = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\r?\n", -1)) {
            if (JsText.trim(line).isEmpty()) {
                continue;
            }
            Optional<RecallEntry> entry;
            try {
                entry = RecallEntry.of(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                entry = Optional.empty();
            }
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                malformed++;
            }
        }
        return new Contents(entries, malformed);
    }

    /** Entries this server logged itself (one line each), read back without the seed's validity rules. */
    public static List<RecallEntry> logged(String lines) throws IOException {
        List<RecallEntry> entries = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                entries.add(RecallEntry.fromLog(JSON.readTree(line)));
            }
        }
        return entries;
    }

    /**
     * Adds one turn's entries unless a line with the same advancement key is already there; salvages the valid
     * old lines, prunes, and replaces the file atomically.
     *
     * @return the malformed lines the rewrite dropped (or found, when the turn was already there)
     */
    public static int append(VaultFiles vault, String path, String advancementKey, List<RecallEntry> added,
            int recallTurns, long recallMaxBytes) throws IOException {
        if (recallTurns <= 0 || added.isEmpty()) {
            return 0;
        }
        Contents existing = read(vault, path);
        if (advancementKey != null
                && existing.entries().stream().anyMatch(e -> advancementKey.equals(e.advancementKey()))) {
            return existing.malformed();
        }
        List<RecallEntry> all = new ArrayList<>(existing.entries());
        all.addAll(added);
        vault.replace(path, serialize(prune(all, recallTurns, recallMaxBytes)).getBytes(StandardCharsets.UTF_8));
        return existing.malformed();
    }

    /**
     * Removes the turns whose advancement key is in {@code keys} (their events are being forgotten), replacing the
     * file atomically; a file left without turns is emptied.
     *
     * @return how many lines went
     */
    public static int remove(VaultFiles vault, String path, java.util.Set<String> keys) throws IOException {
        Contents existing = read(vault, path);
        List<RecallEntry> kept = existing.entries().stream().filter(e -> !keys.contains(e.advancementKey()))
                .toList();
        int removed = existing.entries().size() - kept.size();
        if (removed > 0) {
            vault.replace(path, (kept.isEmpty() ? "" : serialize(kept)).getBytes(StandardCharsets.UTF_8));
        }
        return removed;
    }

    static List<RecallEntry> prune(List<RecallEntry> entries, int recallTurns, long recallMaxBytes) {
        List<RecallEntry> kept = entries.subList(Math.max(0, entries.size() - recallTurns), entries.size());
        if (recallMaxBytes > 0) {
            while (kept.size() > 1 && JsText.utf8Length(serialize(kept)) > recallMaxBytes) {
                kept = kept.subList(1, kept.size());
            }
        }
        return kept;
    }

    static String serialize(List<RecallEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(entries.get(i).toLine());
        }
        return text.append('\n').toString();
    }
}
