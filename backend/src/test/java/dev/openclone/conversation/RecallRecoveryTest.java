package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.index.Index;
import dev.openclone.index.IndexWriter;
import dev.openclone.index.LoggedTask;
import dev.openclone.store.AfterCommit;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a turn's commit and its recall update leaves the update in the store's after-commit log; the next
 * start applies it once, and applying it again (a crash after the rename) changes nothing.
 */
class RecallRecoveryTest {

    @TempDir
    Path dir;

    /** Logs a recall update as a crash between commit and update leaves it. */
    private void pending(Path vault, long id, String key, RecallEntry entry) throws Exception {
        AfterCommit.Task task = new RecallUpdate(RecallFile.path("recall", ConversationIngestTest.DISCORD), key,
                List.of(entry), 10, 0).task();
        try (Index index = Index.open(vault); IndexWriter writer = index.writer()) {
            writer.logTask(new LoggedTask(id, task.kind(), task.payload()));
            writer.commit();
        }
    }

    @Test
    void pendingRecallUpdatesAreAppliedOnceAtStartUp() throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"recallTurns\": 10}"), ZoneId.of("UTC"));
        String file = "recall/" + RecallFile.fileName(ConversationIngestTest.DISCORD);
        String afterFirst;
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.conversation(config))) {
            server.http().ingest(ConversationIngestTest.turn("t1", ConversationIngestTest.DISCORD,
                    ConversationIngestTest.exchange("q1", "a1", "2026-06-01T10:01:00Z")));
            afterFirst = server.file(file);
        }
        Path vault = dir.resolve("vault");
        RecallEntry replayed = RecallFile.parse(afterFirst).entries().get(0);
        RecallEntry lost = new RecallEntry("t2", "2026-06-01T10:02:00.000Z", null, ConversationIngestTest.DISCORD,
                null, "q2", "a2");
        pending(vault, 1, "t1", replayed);
        pending(vault, 2, "t2", lost);

        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.conversation(config))) {
            assertThat(server.file(file)).isEqualTo(afterFirst + lost.toLine() + "\n");
        }
        try (Index index = Index.open(vault); IndexWriter writer = index.writer()) {
            assertThat(writer.loggedTasks()).as("applied updates leave the log").isEmpty();
        }
        assertThat(Files.readString(vault.resolve(file)).lines()).hasSize(2);
    }
}
