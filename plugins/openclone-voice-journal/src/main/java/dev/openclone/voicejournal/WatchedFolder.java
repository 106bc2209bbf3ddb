package dev.openclone.voicejournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder recordings arrive in (a phone's voice-memo sync folder), subfolders included: the recordings in it
 * that have stopped changing — the same size and time as at the last look, or untouched for {@link #SETTLED} — so a
 * file still being copied or synced is left for a later look. Hidden files and folders and the partial files of
 * sync tools and browsers are passed over.
 */
final class WatchedFolder {

    static final Duration SETTLED = Duration.ofSeconds(30);
    private static final int DEPTH = 4;

    /** A recording found: its path relative to the folder, and what tells a changed file from the same one. */
    record Found(String name, Path path, long size, long modifiedMillis) {
        String signature() {
            return size + ":" + modifiedMillis;
        }
    }

    private final Path root;
    private Map<String, String> lastLook = Map.of();

    WatchedFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The recordings that have stopped changing, oldest first. */
    List<Found> settled(Instant now) throws IOException {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, DEPTH)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.equals(root) || hidden(root.relativize(file)) || !AudioFiles.looksLikeAudio(file)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    found.add(new Found(root.relativize(file).toString(), file, attributes.size(),
                            attributes.lastModifiedTime().toMillis()));
                }
            }
        }
        Map<String, String> look = new HashMap<>();
        List<Found> settled = new ArrayList<>();
        for (Found file : found) {
            look.put(file.name(), file.signature());
            boolean unchanged = file.signature().equals(lastLook.get(file.name()));
            boolean old = Duration.between(Instant.ofEpochMilli(file.modifiedMillis()), now).compareTo(SETTLED) >= 0;
            if (file.size() > 0 && (unchanged || old)) {
                settled.add(file);
            }
        }
        lastLook = look;
        settled.sort(Comparator.comparingLong(Found::modifiedMillis).thenComparing(Found::name));
        return settled;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("~") || name.endsWith("~") || name.endsWith(".part")
                    || name.endsWith(".tmp") || name.endsWith(".crdownload") || name.endsWith(".partial")) {
                return true;
            }
        }
        return false;
    }
}
