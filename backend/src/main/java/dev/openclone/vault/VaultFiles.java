package dev.openclone.vault;

import dev.openclone.files.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The byte-level operations on a vault's Markdown files. The server only ever adds bytes at the end of a file
 * as it finds it, makes them durable with {@code fsync} (of the file, and of every folder it had to create),
 * and only ever removes bytes it has just written itself and can prove are its own.
 *
 * <p>It never follows a link inside the vault: a symbolic link planted where a daily file, a recall file or one
 * of their folders would be could otherwise make the server write to another tenant's vault or any file the
 * server may write. Every path is checked component by component below the root, and files are opened with
 * {@code NOFOLLOW_LINKS}, so a link swapped in after the check is refused by the kernel too.
 */
public final class VaultFiles {

    private final Path root;

    public VaultFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The absolute path of a vault-relative path such as {@code Audio/2024-02-18.md}; never outside the vault. */
    public Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("not a file inside the vault: " + relative);
        }
        return path;
    }

    /**
     * {@link #resolve}, refusing a path with a symbolic link anywhere below the vault root (the root itself may be
     * one: a vault folder kept on another disk).
     */
    private Path resolveNoLinks(String relative) throws IOException {
        Path path = resolve(relative);
        Path at = root;
        for (Path part : root.relativize(path)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new IOException("refusing to follow the symbolic link " + root.relativize(at)
                        + " inside the vault " + root);
            }
        }
        return path;
    }

    /**
     * How a file ends now.
     *
     * @param size               its length, 0 when it does not exist
     * @param endsWithNewline    true when empty or when its last byte is a newline
     */
    public record Tail(long size, boolean endsWithNewline) {
    }

    public Tail tail(String relative) throws IOException {
        Path path = resolveNoLinks(relative);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size == 0) {
                return new Tail(0, true);
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return new Tail(size, last.get(0) == '\n');
        } catch (NoSuchFileException e) {
            return new Tail(0, true);
        }
    }

    /**
     * Writes {@code bytes} at {@code offset} (the file's end when the write was planned) and makes them durable:
     * the file is fdatasync'd, and every folder created for it is fsync'd in its parent.
     */
    public void write(String relative, long offset, byte[] bytes) throws IOException {
        Path path = resolveNoLinks(relative);
        List<Path> created = createFolders(path.getParent());
        boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), OwnerOnly.fileAttributes(path))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }
        if (!existed) {
            fsyncFolder(path.getParent());
        }
        for (Path folder : created) {
            fsyncFolder(folder.getParent());
        }
    }

    /**
     * Removes bytes this server wrote at {@code offset} and must take back: only when everything from
     * {@code offset} to the end of the file is a prefix of {@code bytes}, so nothing a person wrote is lost.
     * A file left empty that began at offset 0 is deleted.
     *
     * @return true when the file now ends at {@code offset} (or is gone)
     */
    public boolean takeBack(String relative, long offset, byte[] bytes) throws IOException {
        Path path = resolveNoLinks(relative);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size <= offset) {
                return size == offset;
            }
            if (size - offset > bytes.length || !Arrays.equals(read(channel, offset, (int) (size - offset)), 0,
                    (int) (size - offset), bytes, 0, (int) (size - offset))) {
                return false;
            }
            channel.truncate(offset);
            channel.force(false);
        }
        if (offset == 0) {
            Files.deleteIfExists(path);
            fsyncFolder(path.getParent());
        }
        return true;
    }

    /**
     * Replaces a whole file atomically: the new content goes to a temporary file beside it
     * ({@code .<name>.<pid>.<millis>.tmp}), is fsync'd, then renamed into place and the folder fsync'd. A reader
     * sees the old file or the new one, never a mix; a crash leaves at most a stray temporary file.
     */
    public void replace(String relative, byte[] bytes) throws IOException {
        Path path = resolveNoLinks(relative);
        List<Path> created = createFolders(path.getParent());
        for (Path folder : created) {
            fsyncFolder(folder.getParent());
        }
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.currentTimeMillis() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OwnerOnly.fileAttributes(temporary))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        fsyncFolder(path.getParent());
    }

    /** {@code length} bytes from {@code offset}, fewer if the file is shorter; empty when it does not exist. */
    public byte[] read(String relative, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(resolveNoLinks(relative), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long available = Math.max(0, Math.min(length, channel.size() - offset));
            return read(channel, offset, (int) available);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** A file's size and modification time, as a change detector sees them. */
    public record Stamp(long size, long modifiedNanos) {
    }

    /** The stamp of a file, or empty when it does not exist (or is not a regular file). */
    public Optional<Stamp> stamp(String relative) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(resolveNoLinks(relative),
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.of(new Stamp(attributes.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * The vault's own files as a person sees them: every regular file with its size, by vault-relative path
     * ({@code Audio/2024-02-18.md}). Hidden files and folders ({@code .openclone}, {@code .obsidian}, a rewrite's
     * temporary file) are left out and not walked into, links are not followed, and a file that vanishes while
     * the folder is read is simply not listed.
     */
    public Map<String, Long> visible() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file)) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failed) throws IOException {
                if (failed instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failed;
            }
        });
        return files;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /**
     * A stream of the file for reading, never through a symbolic link.
     *
     * @throws NoSuchFileException when it does not exist
     */
    public InputStream open(String relative) throws IOException {
        return Files.newInputStream(resolveNoLinks(relative), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** The whole file, or nothing when it does not exist. */
    public byte[] readAll(String relative) throws IOException {
        try (FileChannel channel = FileChannel.open(resolveNoLinks(relative), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(relative + " is too large to read whole");
            }
            return read(channel, 0, (int) size);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            position += read;
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Creates the missing folders from the vault root down to {@code folder}; returns those it created. */
    private List<Path> createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            OwnerOnly.createDirectories(p);
        }
        return missing;
    }

    static void fsyncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
