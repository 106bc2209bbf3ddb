package dev.openclone.bench.jmh;

import dev.openclone.conversation.ConversationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.bench.Workload;
import dev.openclone.ingest.EventPreparer;
import dev.openclone.event.IngestBatch;
import dev.openclone.ingest.IngestValidator;
import dev.openclone.store.PreparedEvent;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The inputs the microbenchmarks share: a realistic 500-event body, parsed and prepared. */
final class BatchFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int SIZE = 500;

    private BatchFixture() {
    }

    static byte[] body(String prefix, long seed) {
        return new Workload(prefix, "jmh-device", seed, System.currentTimeMillis() / 1000d).nextBatch(SIZE);
    }

    static IngestBatch parse(byte[] body) throws IOException {
        return IngestValidator.validate(JSON.readTree(body), System.currentTimeMillis() / 1000d).batch().orElseThrow();
    }

    static List<PreparedEvent> prepare(byte[] body) throws IOException {
        IngestBatch batch = parse(body);
        EventPreparer preparer = new EventPreparer(ZoneOffset.UTC, ConversationConfig.defaults(ZoneOffset.UTC));
        List<PreparedEvent> prepared = new ArrayList<>();
        for (IngestBatch.Event event : batch.events()) {
            prepared.add(preparer.prepare(batch, event, true).orElseThrow());
        }
        return prepared;
    }
}
