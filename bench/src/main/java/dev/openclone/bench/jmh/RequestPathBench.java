package dev.openclone.bench.jmh;

import dev.openclone.conversation.ConversationConfig;
import dev.openclone.ingest.EventPreparer;
import dev.openclone.event.IngestBatch;
import dev.openclone.ingest.IngestValidator;
import dev.openclone.store.PreparedEvent;
import dev.openclone.vault.EntryRenderer;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The work a request thread does for one 500-event batch, step by step (time per batch). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestPathBench {

    private byte[] body;
    private IngestBatch batch;
    private final EntryRenderer renderer = new EntryRenderer(ZoneOffset.UTC);
    private final EventPreparer preparer = new EventPreparer(ZoneOffset.UTC, ConversationConfig.defaults(ZoneOffset.UTC));

    @Setup
    public void setUp() throws IOException {
        body = BatchFixture.body("jmh", 7);
        batch = BatchFixture.parse(body);
    }

    /** JSON bytes to a validated batch. */
    @Benchmark
    public Object parseAndValidate() throws IOException {
        return IngestValidator.validate(BatchFixture.JSON.readTree(body), System.currentTimeMillis() / 1000d);
    }

    /** 500 entries rendered to Markdown (escaping included). */
    @Benchmark
    public int render() {
        int bytes = 0;
        for (IngestBatch.Event event : batch.events()) {
            bytes += renderer.render(batch, event).length();
        }
        return bytes;
    }

    /** Parse, validate, then redact, key, render and serialise every event: all a request thread does. */
    @Benchmark
    public List<PreparedEvent> parseValidatePrepare() throws IOException {
        IngestBatch fresh = BatchFixture.parse(body);
        List<PreparedEvent> prepared = new ArrayList<>(fresh.events().size());
        for (IngestBatch.Event event : fresh.events()) {
            prepared.add(preparer.prepare(fresh, event, true).orElseThrow());
        }
        return prepared;
    }
}
