package dev.openclone.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index written by an older server opens with its redo logs intact. */
class MigrationTest {

    @TempDir
    Path dir;

    @Test
    void recallRowsOfVersionFiveBecomeRecallTasks() throws Exception {
        Path vault = dir.resolve("vault");
        try (Connection v5 = Database.open(Index.file(vault), "index", Index.MIGRATIONS.subList(0, 5));
                PreparedStatement insert = v5.prepareStatement("INSERT INTO pending_recalls (id, file, "
                        + "advancement_key, lines, turns, max_bytes) VALUES (7, 'recall/a.ndjson', 't1', ?, 10, 0)")) {
            insert.setString(1, "{\"advancementKey\":\"t1\"}\n");
            insert.executeUpdate();
            v5.commit();
        }

        try (Index index = Index.open(vault); IndexWriter writer = index.writer()) {
            assertThat(writer.loggedTasks()).singleElement().satisfies(task -> {
                assertThat(task.id()).isEqualTo(7);
                assertThat(task.kind()).isEqualTo("recall");
                assertThat(new String(task.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"file\":\"recall/a.ndjson\","
                        + "\"advancement_key\":\"t1\",\"lines\":\"{\\\"advancementKey\\\":\\\"t1\\\"}\\n\","
                        + "\"turns\":10,\"max_bytes\":0}");
            });
        }
    }
}
