package dev.openclone.backup;

import dev.openclone.files.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an export into a vault folder: every file owner-only, none outside the folder (an entry such as
 * {@code ../x} or an absolute path is refused), into a folder that is new or empty, so nothing is overwritten.
 */
public final class Restore {

    private Restore() {
    }

    /**
     * @return the number of files written
     * @throws IllegalArgumentException when the folder is not empty or the archive is not an OpenClone export
     */
    public static int into(InputStream archive, Path vault) throws IOException {
        Path root = vault.toAbsolutePath().normalize();
        if (Files.exists(root)) {
            try (Stream<Path> inside = Files.list(root)) {
                if (inside.findAny().isPresent()) {
                    throw new IllegalArgumentException(root + " is not empty: restore into a new folder");
                }
            }
        }
        int files = 0;
        boolean sawIndex = false;
        boolean sawManifest = false;
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(ExportService.MANIFEST)) {
                throw new IllegalArgumentException("not an OpenClone export (it does not begin with "
                        + ExportService.MANIFEST + ")");
            }
            sawManifest = true;
            OwnerOnly.createDirectories(root);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.isDirectory() || !entry.getName().startsWith(ExportService.VAULT)) {
                    continue;
                }
                String relative = entry.getName().substring(ExportService.VAULT.length());
                Path target = root.resolve(relative).normalize();
                if (relative.isEmpty() || !target.startsWith(root) || target.equals(root)) {
                    throw new IllegalArgumentException("refusing " + entry.getName() + ": it would be written "
                            + "outside " + root);
                }
                OwnerOnly.createDirectories(target.getParent());
                OwnerOnly.create(target);
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    zip.transferTo(out);
                }
                sawIndex |= relative.equals(".openclone/index.db");
                files++;
            }
        }
        if (!sawManifest || !sawIndex) {
            throw new IllegalArgumentException("not an OpenClone export (no " + ExportService.MANIFEST
                    + " or no index in it)");
        }
        return files;
    }
}
