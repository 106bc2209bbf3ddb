package dev.openclone.obsidian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The notes of one Obsidian vault as a listing of their paths, sizes and modification times — read by walking the
 * folder (a stat per file; a note's content is read only when these change). Left out: hidden folders and files
 * ({@code .obsidian/}, {@code .trash/}, {@code .git/}), the folders the user excludes, and what editors leave
 * behind while saving ({@code *.tmp}, {@code *.swp}, {@code *~}, {@code .#*}).
 */
record VaultFolder(String name, Path root, List<String> excludedFolders) {

    /** A note's place and stamp. */
    record Stamp(long size, long modifiedMillis) {
    }

    /** Every note now, by its path relative to the vault ({@code /}-separated). */
    Map<String, Stamp> list() throws IOException {
        Map<String, Stamp> notes = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                String relative = relative(dir);
                boolean excluded = excludedFolders.stream().anyMatch(f -> relative.equals(f)
                        || relative.startsWith(f + "/"));
                return name.startsWith(".") || excluded ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && isNote(name)) {
                    notes.put(relative(file), new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while the walk went by
                }
                throw new UncheckedIOException(e);
            }
        });
        return notes;
    }

    static boolean isNote(String name) {
        return name.endsWith(".md") && !name.startsWith(".") && !name.startsWith("~") && !name.endsWith("~");
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
