package dev.openclone.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Parallel requests give the result of some serial order: each event once, counts that add up. */
class ConcurrencyTest {

    static final int REQUESTS = 50;
    static final int EVENTS_PER_REQUEST = 20;
    static final int DISTINCT = 100;

    @TempDir
    Path dir;

    @Test
    void fiftyConcurrentRequestsSharingRawRefsStoreEachEventOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try (TestServer server = TestServer.start(dir)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> responses = new ArrayList<>();
            for (int r = 0; r < REQUESTS; r++) {
                String body = request(r);
                responses.add(pool.submit(() -> {
                    go.await();
                    return new Http("http://127.0.0.1:" + server.port()).ingest(body);
                }));
            }
            go.countDown();

            int stored = 0;
            int skipped = 0;
            for (Future<Http.Response> future : responses) {
                Http.Response response = future.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                stored += response.json().get("stored").asInt();
                skipped += response.json().get("skipped").asInt();
            }

            assertThat(stored).isEqualTo(DISTINCT);
            assertThat(skipped).isEqualTo(REQUESTS * EVENTS_PER_REQUEST - DISTINCT);
            int[] seen = countMarkers(server.vault());
            for (int ref = 0; ref < DISTINCT; ref++) {
                assertThat(seen[ref]).as("event %d in the vault", ref).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Request r carries raw_refs r*2 … r*2+19 (mod 100): every ref is sent by ten requests. */
    static String request(int r) {
        ObjectNode batch = Bodies.batch("audio_system");
        for (int j = 0; j < EVENTS_PER_REQUEST; j++) {
            int ref = (r * 2 + j) % DISTINCT;
            Bodies.event(batch, Bodies.SEED_TIME + ref, "ref-" + ref).put("text", "marker evt" + ref + "end");
        }
        return batch.toString();
    }

    static int[] countMarkers(Path vault) throws Exception {
        int[] seen = new int[DISTINCT];
        Pattern marker = Pattern.compile("evt(\\d+)end");
        Matcher m = marker.matcher(VaultNotes.text(vault));
        while (m.find()) {
            seen[Integer.parseInt(m.group(1))]++;
        }
        return seen;
    }
}
