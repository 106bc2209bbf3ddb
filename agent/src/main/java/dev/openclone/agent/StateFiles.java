package dev.openclone.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files the agent and its plugins keep (status, pause, the cached policy, the config it edits, a plugin's state):
 * owner-only, replaced whole.
 */
public final class StateFiles {

    private StateFiles() {
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, mode 600, then renames it into place. */
    public static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
        }
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates {@code folder} (and its parents) owner-only when missing. */
    public static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
        }
        return folder;
    }
}
