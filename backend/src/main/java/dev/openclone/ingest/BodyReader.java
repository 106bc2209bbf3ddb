package dev.openclone.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit, and no further. */
final class BodyReader {

    private BodyReader() {
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
