package dev.openclone.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.ingest.EventPreparer;
import dev.openclone.event.IngestBatch;
import dev.openclone.ingest.IngestValidator;
import dev.openclone.support.Bodies;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.vault.DailyNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch that fails in an unexpected way keeps nothing, not even in the index, and its retry stores it. */
class WriterFailureTest {

    @TempDir
    Path dir;

    @Test
    void unexpectedErrorWhilePlanningLeavesNoEventMarkedAsSeen() throws Exception {
        IngestBatch batch = IngestValidator.validate(new ObjectMapper().readTree(
                Bodies.braindumps("w-", "first event", "second event")), System.currentTimeMillis() / 1000d)
                .batch().orElseThrow();
        EventPreparer preparer = new EventPreparer(ZoneOffset.UTC, ConversationConfig.defaults(ZoneOffset.UTC));
        PreparedEvent good = preparer.prepare(batch, batch.events().get(0), true).orElseThrow();
        PreparedEvent second = preparer.prepare(batch, batch.events().get(1), true).orElseThrow();
        // A note whose path leaves the vault: the writer refuses it while planning, after the first insert.
        PreparedEvent broken = new PreparedEvent(second.key(), List.of(new PreparedEvent.NoteEntry(
                new DailyNote("../outside", LocalDate.of(2024, 2, 18)), second.entries().get(0).bytes())), null,
                second.row(), 0);

        try (EventStore store = EventStore.open(dir.resolve("vault"), Clock.systemUTC(), "test", Map.of())) {
            assertThatThrownBy(() -> store.store(List.of(good, broken))).isInstanceOf(StorageException.class);

            StoreResult retry = store.store(List.of(good));

            assertThat(retry.stored()).as("the failed batch left its first event marked as seen").isEqualTo(1);
        }
        assertThat(Files.readString(dir.resolve("vault/Braindump/2024-02-18.md"))).contains("first event");
        assertThat(dir.resolve("outside")).doesNotExist();
    }
}
