package dev.openclone.store;

import dev.openclone.index.IndexWriter;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server last left each daily file (size and modification time): a file that differs was changed by
 * someone else and is reconciled. Kept in memory, recorded in the index ({@code files_seen}) with the next look's
 * or the close's commit, so a start takes in only what a person changed while the server was stopped.
 */
final class FileStamps {

    private final VaultFiles vault;
    private final Map<String, VaultFiles.Stamp> seen = new HashMap<>();
    /** Stamps not yet recorded in the index ({@code null}: the file is gone). */
    private final Map<String, long[]> unsaved = new LinkedHashMap<>();
    private boolean loaded;

    FileStamps(VaultFiles vault) {
        this.vault = vault;
    }

    /**
     * Reads what the index recorded, once. A vault from before stamps were kept is taken as it stands (reading
     * every file of a large vault would hold ingest up): its edits are followed from now on.
     */
    void load(IndexWriter index) throws SQLException, IOException {
        if (loaded) {
            return;
        }
        Map<String, long[]> known = index.edits().knownFiles();
        boolean firstLook = known.values().stream().allMatch(Objects::isNull);
        for (Map.Entry<String, long[]> file : known.entrySet()) {
            long[] stamp = file.getValue();
            if (firstLook) {
                note(file.getKey());
            } else {
                seen.put(file.getKey(), stamp == null ? null : new VaultFiles.Stamp(stamp[0], stamp[1]));
            }
        }
        loaded = true;
    }

    /** The files known. */
    List<String> files() {
        return new ArrayList<>(seen.keySet());
    }

    /**
     * Whether {@code file}, known, is not as the server left it. A file that cannot be looked at (a link planted
     * where it was: never followed) counts as unchanged.
     */
    boolean changed(String file) {
        if (!seen.containsKey(file)) {
            return false;
        }
        try {
            Optional<VaultFiles.Stamp> now = vault.stamp(file);
            return now.isEmpty() || !now.get().equals(seen.get(file));
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Notes how {@code file} is now, after the server wrote it or took in a person's change. */
    void note(String file) throws IOException {
        Optional<VaultFiles.Stamp> now = vault.stamp(file);
        if (now.isPresent()) {
            seen.put(file, now.get());
            unsaved.put(file, new long[] {now.get().size(), now.get().modifiedNanos()});
        } else if (seen.remove(file) != null || loaded) {
            unsaved.put(file, null);
        }
    }

    /** Records the stamps noted since the last save, in the caller's transaction. */
    void save(IndexWriter index) throws SQLException {
        if (!unsaved.isEmpty()) {
            index.edits().seen(unsaved);
            unsaved.clear();
        }
    }

    boolean unsaved() {
        return !unsaved.isEmpty();
    }
}
