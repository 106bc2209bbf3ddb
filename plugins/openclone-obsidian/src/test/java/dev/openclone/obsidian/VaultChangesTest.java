package dev.openclone.obsidian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultChangesTest {

    private static final long SETTLE = 20_000;

    @TempDir
    Path vault;

    long now = 1_800_000_000_000L;

    private void write(String path, String text, long modified) throws Exception {
        Path file = vault.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    }

    private VaultChanges changes(int maxText, int batch) {
        return new VaultChanges(new VaultFolder("Mine", vault, List.of("Private")), maxText, SETTLE, batch, null);
    }

    @Test
    void theFirstLookImportsInBatchesThenOnlyChangesCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            write("Notes/n" + i + ".md", "note " + i, now - 60_000);
        }
        write(".obsidian/workspace.md", "ui state", now - 60_000);
        write(".trash/old.md", "gone", now - 60_000);
        write("Private/diary.md", "private", now - 60_000);
        write("Notes/draft.md.tmp", "temp", now - 60_000);
        VaultChanges v = changes(1000, 2);
        assertThat(v.look(now)).extracting(NoteChange::kind).containsExactly("imported", "imported");
        assertThat(v.imported()).isFalse();
        assertThat(v.look(now)).hasSize(2);
        assertThat(v.look(now)).extracting(NoteChange::path).containsExactly("Notes/n4.md");
        assertThat(v.look(now)).isEmpty();
        assertThat(v.imported()).isTrue();
        assertThat(v.known()).isEqualTo(5);
        assertThat(v.look(now)).isEmpty();
    }

    @Test
    void aNoteBeingEditedIsSentOnceLeftAloneAndATouchSendsNothing() throws Exception {
        write("a.md", "first", now - 60_000);
        VaultChanges v = changes(1000, 100);
        v.look(now);
        write("a.md", "first draft", now - 1_000);
        assertThat(v.look(now)).isEmpty(); // still being typed
        write("a.md", "first draft, done", now - 500);
        assertThat(v.look(now)).isEmpty();
        now += SETTLE;
        List<NoteChange> changed = v.look(now);
        assertThat(changed).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("changed");
            assertThat(c.text()).isEqualTo("first draft, done");
            assertThat(c.timestamp()).isEqualTo((now - SETTLE - 500) / 1000.0);
        });
        Files.setLastModifiedTime(vault.resolve("a.md"), FileTime.fromMillis(now - 30_000));
        assertThat(v.look(now)).isEmpty();
    }

    @Test
    void renamesAndDeletionsAreRecordedAsSuch() throws Exception {
        write("old.md", "# Plans\ncontent", now - 60_000);
        write("doomed.md", "# Doomed\nbye", now - 60_000);
        VaultChanges v = changes(1000, 100);
        v.look(now);
        Files.createDirectories(vault.resolve("Archive"));
        Files.move(vault.resolve("old.md"), vault.resolve("Archive/new.md"));
        Files.delete(vault.resolve("doomed.md"));
        List<NoteChange> first = v.look(now);
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("renamed");
            assertThat(c.path()).isEqualTo("Archive/new.md");
            assertThat(c.previousPath()).isEqualTo("old.md");
            assertThat(c.title()).isEqualTo("Plans");
        });
        now += SETTLE;
        assertThat(v.look(now)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("deleted");
            assertThat(c.title()).isEqualTo("Doomed");
        });
        assertThat(v.look(now)).isEmpty();
    }

    @Test
    void aLargeNotesChangeIsSummarisedAsTheLinesItGained() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            big.append("Line number ").append(i).append(" of the long log.\n");
        }
        write("log.md", big.toString(), now - 60_000);
        VaultChanges v = changes(1000, 100);
        assertThat(v.look(now).get(0).text()).hasSize(1000).endsWith("…");
        write("log.md", big.toString().replace("Line number 7 of", "Line seven of") + "A new entry today.\n",
                now - 30_000);
        String text = v.look(now).get(0).text();
        assertThat(text).startsWith("Changed: 2 lines added, 1 removed (the note has ")
                .contains("Line seven of the long log.", "A new entry today.").doesNotContain("Line number 8");
    }

    @Test
    void theStateRemembersEverythingButTheText() throws Exception {
        write("a.md", "secret words", now - 60_000);
        VaultChanges v = changes(1000, 100);
        v.look(now);
        String state = v.toJson().toString();
        assertThat(state).contains("a.md").doesNotContain("secret words");
        VaultChanges again = new VaultChanges(new VaultFolder("Mine", vault, List.of()), 1000, SETTLE, 100,
                v.toJson());
        assertThat(again.imported()).isTrue();
        assertThat(again.look(now)).isEmpty();
    }

    @Test
    void notesThatOptOutAreNeverSent() throws Exception {
        write("p.md", "---\nprivate: true\n---\nmy secret", now - 60_000);
        VaultChanges v = changes(1000, 100);
        assertThat(v.look(now)).isEmpty();
        assertThat(v.skipped).containsEntry("opted_out", 1);
    }
}
