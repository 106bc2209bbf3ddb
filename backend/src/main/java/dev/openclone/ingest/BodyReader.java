package dev.openclone.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit, and no further. */
final class BodyReader {

    private BodyReader() {
    }

    /**
     * Reads and throws away at most {@code max} more bytes, so a client still sending a body it was refused
     * reads our answer instead of a reset connection. Stops at {@code max}: a huge body is cut off, not drained.
     */
    static void discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = max;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    /** The whole body, or empty when it is longer than {@code limit} bytes (then at most limit + 1 were read). */
    static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        int read;
        while ((read = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total))) > 0) {
            out.write(buffer, 0, read);
            total += read;
            if (total > limit) {
                return Optional.empty();
            }
        }
        return Optional.of(out.toByteArray());
    }
}
