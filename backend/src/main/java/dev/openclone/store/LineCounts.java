package dev.openclone.store;

import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * How many lines each daily file has, so every appended entry can be given the line of its heading without
 * reading the file again: counted once per file (the first append of a run, or after a person changed its size),
 * then kept up to date from what the writer appends. Used by the writer thread only.
 */
final class LineCounts {

    private record Known(long size, long newlines) {
    }

    private final VaultFiles vault;
    private final Map<String, Known> known = new HashMap<>();

    LineCounts(VaultFiles vault) {
        this.vault = vault;
    }

    /** The newlines in the first {@code size} bytes of {@code file}, its length now. */
    long newlinesAt(String file, long size) throws IOException {
        Known cached = known.get(file);
        if (cached != null && cached.size() == size) {
            return cached.newlines();
        }
        long counted = size == 0 ? 0 : newlines(vault.read(file, 0, (int) Math.min(size, Integer.MAX_VALUE - 8)));
        known.put(file, new Known(size, counted));
        return counted;
    }

    /** Records that {@code file} now ends at {@code size} with {@code newlines} newlines. */
    void appended(String file, long size, long newlines) {
        known.put(file, new Known(size, newlines));
    }

    /** Forgets everything: after a failed write, what a file holds is read again. */
    void clear() {
        known.clear();
    }

    static long newlines(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }
}
