package dev.openclone.store;

import dev.openclone.index.LoggedAppend;
import dev.openclone.vault.Note;
import dev.openclone.vault.VaultFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes one commit group adds to one daily file: a prefix (see {@link #prefix}) followed by the entries, to be
 * written at {@code offset}, the file's length when the group was planned.
 */
final class AppendPlan {

    private static final byte[] NOTHING = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    final String file;
    final long offset;
    private final byte[] header;
    private final int prefixLength;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int entries;
    /** Newlines in the file before the next entry: where its heading's line is counted from. */
    private long newlines;
    long id;

    private AppendPlan(String file, long offset, byte[] header, byte[] prefix, long newlinesAtOffset) {
        this.file = file;
        this.offset = offset;
        this.header = header;
        this.prefixLength = prefix.length;
        bytes.writeBytes(prefix);
        this.newlines = newlinesAtOffset + LineCounts.newlines(prefix);
    }

    /** Plans an append to {@code note} at its current end. */
    static AppendPlan at(VaultFiles vault, Note note, LineCounts lines) throws IOException {
        byte[] header = note.header().getBytes(StandardCharsets.UTF_8);
        VaultFiles.Tail tail = vault.tail(note.path());
        return new AppendPlan(note.path(), tail.size(), header, prefix(tail, header),
                lines.newlinesAt(note.path(), tail.size()));
    }

    /** The 1-based line the heading of {@code entry} will have when it is the next one added. */
    long lineOf(byte[] entry) {
        int leading = 0;
        while (leading < entry.length && entry[leading] == '\n') {
            leading++;
        }
        return newlines + leading + 1;
    }

    /** Newlines in the file once this plan is written. */
    long newlinesAfter() {
        return newlines;
    }

    /**
     * What goes before new entries in a file that ends as {@code tail}: the header when the file is empty or
     * missing, a newline when a person left the last line without one, else nothing. The one place this is
     * decided, for planned appends and for recovery alike.
     */
    static byte[] prefix(VaultFiles.Tail tail, byte[] header) {
        return tail.size() == 0 ? header : tail.endsWithNewline() ? NOTHING : NEWLINE;
    }

    /** Where the next entry will start in the file. */
    long nextOffset() {
        return offset + bytes.size();
    }

    void add(byte[] entry) {
        bytes.writeBytes(entry);
        entries++;
        newlines += LineCounts.newlines(entry);
    }

    /** False for a file planned for an event that then proved a duplicate: nothing to write. */
    boolean hasEntries() {
        return entries > 0;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** This plan as a row of the redo log. */
    LoggedAppend logged() {
        return new LoggedAppend(id, file, offset, prefixLength, bytes(), header);
    }
}
