package dev.openclone.store;

import java.io.ByteArrayOutputStream;

/**
 * The bytes one commit group adds to one daily file: an optional prefix (the header of a new file, or a newline
 * when a person left the file without one) followed by the entries, to be written at {@code offset}, the file's
 * length when the group was planned.
 */
final class PendingAppend {

    final String file;
    final long offset;
    final int prefixLength;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long id;
    private int entries;

    PendingAppend(String file, long offset, byte[] prefix) {
        this.file = file;
        this.offset = offset;
        this.prefixLength = prefix.length;
        bytes.writeBytes(prefix);
    }

    /** Where the next entry will start in the file. */
    long nextOffset() {
        return offset + bytes.size();
    }

    void add(byte[] entry) {
        bytes.writeBytes(entry);
        entries++;
    }

    /** False for a file planned for an event that then proved a duplicate: nothing to write. */
    boolean hasEntries() {
        return entries > 0;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
