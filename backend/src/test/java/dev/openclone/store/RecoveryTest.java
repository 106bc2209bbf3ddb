package dev.openclone.store;

import dev.openclone.index.LoggedAppend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.vault.DailyNote;
import dev.openclone.vault.VaultFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a committed append can be found after a crash, and what recovery makes of it. */
class RecoveryTest {

    static final String FILE = "Journal/2024-02-18.md";
    static final String HEADER = new DailyNote("Journal", LocalDate.parse("2024-02-18")).header();
    static final String EXISTING = HEADER + "\n### 08:00\nDevice: d · Plugin: p\n\nolder entry\n\n---\n";
    static final String ENTRIES = "\n### 09:00\nDevice: d · Plugin: p\n\nnew entry\n\n---\n";

    @TempDir
    Path dir;
    VaultFiles vault;

    @BeforeEach
    void vault() {
        vault = new VaultFiles(dir);
    }

    @Test
    void appendAlreadyOnDiskIsLeftAlone() throws Exception {
        write(EXISTING + ENTRIES);
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isFalse();
        assertThat(read()).isEqualTo(EXISTING + ENTRIES);
    }

    @Test
    void tornAppendIsCompletedFromWhereItStopped() throws Exception {
        write(EXISTING + ENTRIES.substring(0, 17));
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isTrue();
        assertThat(read()).isEqualTo(EXISTING + ENTRIES);
    }

    @Test
    void appendNeverStartedIsWritten() throws Exception {
        write(EXISTING);
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isTrue();
        assertThat(read()).isEqualTo(EXISTING + ENTRIES);
    }

    @Test
    void newFileWhoseHeaderWasTornIsCompleted() throws Exception {
        write(HEADER.substring(0, 10));
        assertThat(apply(0, (int) bytes(HEADER), HEADER + ENTRIES)).isTrue();
        assertThat(read()).isEqualTo(HEADER + ENTRIES);
    }

    @Test
    void fileDeletedMeanwhileIsRecreatedWithItsHeader() throws Exception {
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isTrue();
        assertThat(read()).isEqualTo(HEADER + ENTRIES);
    }

    @Test
    void entriesAlreadyThereAfterAPersonEditedAboveAreNotWrittenTwice() throws Exception {
        write(EXISTING.replace("older entry", "older entry, edited by hand") + ENTRIES);
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isFalse();
        assertThat(read()).containsOnlyOnce("new entry");
    }

    @Test
    void linesAPersonAddedBeforeRecoveryAreKeptAndEntriesFollowThem() throws Exception {
        write(EXISTING + "a line typed by hand");
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isTrue();
        assertThat(read()).isEqualTo(EXISTING + "a line typed by hand\n" + ENTRIES);
    }

    @Test
    void applyingTwiceWritesOnce() throws Exception {
        write(EXISTING);
        apply(bytes(EXISTING), 0, ENTRIES);
        assertThat(apply(bytes(EXISTING), 0, ENTRIES)).isFalse();
        assertThat(read()).isEqualTo(EXISTING + ENTRIES);
    }

    private boolean apply(long offset, int prefixLength, String bytes) throws Exception {
        return Recovery.apply(vault, new LoggedAppend(1, FILE, offset, prefixLength,
                bytes.getBytes(StandardCharsets.UTF_8), HEADER.getBytes(StandardCharsets.UTF_8)));
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void write(String text) throws Exception {
        Files.createDirectories(dir.resolve("Journal"));
        Files.writeString(dir.resolve(FILE), text);
    }

    private String read() throws Exception {
        return Files.readString(dir.resolve(FILE));
    }
}
