package dev.openclone.bench.jmh;

import dev.openclone.store.EventStore;
import dev.openclone.store.PreparedEvent;
import dev.openclone.store.StorageException;
import dev.openclone.store.StoreResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The writer's side, through the real {@link EventStore} on a temp vault (durable: fsync'd): storing a new
 * 500-event batch (index insert + vault append), and a batch of 500 duplicates (dedup lookups and one commit).
 * {@code storedBefore} events are in the index first, to show how lookups and inserts grow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreBench {

    @Param({"0", "100000"})
    public int storedBefore;

    private Path dir;
    private EventStore store;
    private List<PreparedEvent> duplicates;
    private byte[][] fresh;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, StorageException, InterruptedException {
        dir = Files.createTempDirectory("openclone-jmh");
        store = EventStore.open(dir.resolve("vault"), Clock.systemUTC(), "jmh", Map.of());
        for (int i = 0; i < storedBefore / BatchFixture.SIZE; i++) {
            store.store(BatchFixture.prepare(BatchFixture.body("fill" + i, i)));
        }
        duplicates = BatchFixture.prepare(BatchFixture.body("dup", 99));
        store.store(duplicates);
        fresh = new byte[64][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = BatchFixture.body("fresh" + i, 1_000 + i);
        }
    }

    /** A batch of 500 new events: dedup miss, insert, redo log, commit, vault append, fsync. */
    @Benchmark
    public StoreResult storeNewBatch() throws Exception {
        // Each call needs new raw_refs: prefix the body's refs with a counter so no event repeats.
        byte[] body = fresh[next % fresh.length];
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"raw_ref\":\"fresh", "\"raw_ref\":\"n" + next++ + "-fresh");
        return store.store(BatchFixture.prepare(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A batch of 500 events already stored: 500 dedup lookups, nothing appended. */
    @Benchmark
    public StoreResult storeDuplicateBatch() throws Exception {
        return store.store(duplicates);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
