package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.index.Index;
import dev.openclone.support.TestServer;
import dev.openclone.vault.RecallEntry;
import dev.openclone.vault.RecallFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a turn's commit and its recall update leaves the update in {@code pending_recalls}; the next
 * start applies it once, and applying it again (a crash after the rename) changes nothing.
 */
class RecallRecoveryTest {

    @TempDir
    Path dir;

    private void pending(Path vault, long id, String key, RecallEntry entry) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + Index.file(vault));
                PreparedStatement insert = db.prepareStatement("INSERT INTO pending_recalls (id, file, "
                        + "advancement_key, lines, turns, max_bytes) VALUES (?, ?, ?, ?, 10, 0)")) {
            insert.setLong(1, id);
            insert.setString(2, RecallFile.path("recall", ConversationIngestTest.DISCORD));
            insert.setString(3, key);
            insert.setString(4, entry.toLine() + "\n");
            insert.executeUpdate();
        }
    }

    @Test
    void pendingRecallUpdatesAreAppliedOnceAtStartUp() throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"recallTurns\": 10}"), ZoneId.of("UTC"));
        String file = "recall/" + RecallFile.fileName(ConversationIngestTest.DISCORD);
        String afterFirst;
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.withConversation(config))) {
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
                s -> s.withConversation(config))) {
            assertThat(server.file(file)).isEqualTo(afterFirst + lost.toLine() + "\n");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + Index.file(vault));
                    var rs = db.createStatement().executeQuery("SELECT count(*) FROM pending_recalls")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
        assertThat(Files.readString(vault.resolve(file)).lines()).hasSize(2);
    }
}
