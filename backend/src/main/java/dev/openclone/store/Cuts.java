package dev.openclone.store;

import dev.openclone.event.Sha256;
import dev.openclone.index.VaultEdits;
import dev.openclone.vault.VaultFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts entries out of a daily file: each cut is removed only where the bytes at its offset still hash to what was
 * logged, and the file is replaced whole (temporary file, fsync, rename), so a crash leaves the old file or the
 * new one, and applying the same cuts again (recovery) changes nothing. Lines a person wrote between entries stay.
 */
final class Cuts {

    private Cuts() {
    }

    /** Applies the cuts logged for {@code file}; returns how many were made. */
    static int apply(VaultFiles vault, String file, List<VaultEdits.Cut> cuts) throws IOException {
        byte[] content = vault.readAll(file);
        if (content.length == 0 || cuts.isEmpty()) {
            return 0;
        }
        List<VaultEdits.Cut> made = cuts.stream().filter(cut -> at(content, cut.offset(), cut.length(),
                cut.sha256())).sorted(Comparator.comparingLong(VaultEdits.Cut::offset)).toList();
        if (made.isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(content.length);
        long from = 0;
        for (VaultEdits.Cut cut : made) {
            kept.write(content, (int) from, (int) (cut.offset() - from));
            from = cut.offset() + cut.length();
        }
        kept.write(content, (int) from, (int) (content.length - from));
        vault.replace(file, kept.toByteArray());
        return made.size();
    }

    /** Whether the {@code length} bytes at {@code offset} of {@code content} hash to {@code sha256}. */
    static boolean at(byte[] content, long offset, int length, byte[] sha256) {
        return sha256 != null && offset >= 0 && offset + length <= content.length
                && Arrays.equals(Sha256.of(Arrays.copyOfRange(content, (int) offset, (int) offset + length)), sha256);
    }
}
