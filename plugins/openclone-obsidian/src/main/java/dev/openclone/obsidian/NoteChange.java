package dev.openclone.obsidian;

import java.util.List;

/**
 * What happened to a note, as it becomes a {@code notes} event: {@code kind} is imported (found by the first run),
 * created, changed, renamed or deleted; {@code previousPath} only for a rename.
 */
record NoteChange(String kind, String vault, String path, String previousPath, String title, String text,
        List<String> tags, double timestamp, String rawRef) {
}
