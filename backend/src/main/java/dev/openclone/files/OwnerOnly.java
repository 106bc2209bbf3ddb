package dev.openclone.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Files and folders only their owner may open: a memory is as private as its owner's home. Folders are created
 * mode 700 and files 600; {@link #tighten} brings what older versions created (755/644) down to that. On a file
 * system without POSIX modes these are ordinary files and folders.
 */
public final class OwnerOnly {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** {@code folder} and any missing parent, each created mode 700 (existing ones are left as they are). */
    public static void createDirectories(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile by another thread: fine
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(absolute);
        }
    }

    /** Creates an empty file with mode 600. */
    public static void create(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(FILE));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** The attribute that creates a file with mode 600, for {@code FileChannel.open}. */
    public static FileAttribute<?>[] fileAttributes(Path anywhere) {
        return isPosix(anywhere) ? new FileAttribute<?>[] {attribute(FILE)} : new FileAttribute<?>[0];
    }

    /**
     * Replaces {@code file} with {@code content} atomically: a mode-600 file beside it, renamed over it. A reader
     * sees the old content or the new, never part of it.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temporary);
        create(temporary);
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Sets {@code path} to 700 (a folder) or 600 (a file) when it allows more; never follows a link. */
    public static boolean restrict(Path path) throws IOException {
        if (!isPosix(path) || Files.isSymbolicLink(path)) {
            return false;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE;
        Set<PosixFilePermission> allowed = new HashSet<>(now);
        allowed.retainAll(wanted);
        if (allowed.equals(now)) {
            return false;
        }
        // Only ever removes rights: a file someone made read-only stays read-only.
        Files.setPosixFilePermissions(path, allowed);
        return true;
    }

    /**
     * What {@link #tighten} did.
     *
     * @param changed files and folders whose mode it lowered
     * @param refused those it may not change (another user's): left as they are
     */
    public record Tightened(int changed, int refused) {
    }

    /** Restricts {@code root} and everything below it (links are not followed). */
    public static Tightened tighten(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Tightened(0, 0);
        }
        int[] changed = {0};
        int[] refused = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                restrictCounted(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    restrictCounted(file);
                }
                return FileVisitResult.CONTINUE;
            }

            private void restrictCounted(Path path) {
                try {
                    changed[0] += restrict(path) ? 1 : 0;
                } catch (NoSuchFileException vanished) {
                    // a temporary file, gone meanwhile
                } catch (IOException notOurs) {
                    refused[0]++;
                }
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // vanished meanwhile (a temporary file): nothing to restrict
                return FileVisitResult.CONTINUE;
            }
        });
        return new Tightened(changed[0], refused[0]);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
