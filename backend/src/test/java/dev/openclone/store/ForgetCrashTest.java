package dev.openclone.store;

import static dev.openclone.store.CrashRecoveryTest.EVENTS_PER_BATCH;
import static dev.openclone.store.CrashRecoveryTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forget is crash-safe: the server halted right after a forget's commit point, or killed (SIGKILL) at random
 * instants while forgets run, leaves every daily file whole — the old file or the new one — and the next start
 * finishes what was committed. A forgotten event stays forgotten across crashes.
 */
class ForgetCrashTest {

    @TempDir
    Path dir;

    /** The forget of the ids {@code [first, first + count)} (their capture times), as a JSON body. */
    static String range(int first, int count) {
        return "{\"source_type\": \"braindump\", \"from\": " + (Bodies.SEED_TIME + first) + ", \"to\": "
                + (Bodies.SEED_TIME + first + count) + "}";
    }

    static Http.Response forget(CrashRecoveryTest.ServerProcess server, String body) throws Exception {
        return new Http(server.url()).send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/forget"))
                .timeout(Duration.ofSeconds(60)).header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aHaltRightAfterTheCommitPointIsFinishedAtTheNextStart() throws Exception {
        Path vault = dir.resolve("vault");
        CrashRecoveryTest.ServerProcess halting = CrashRecoveryTest.ServerProcess.start(dir, vault,
                "-Dopenclone.test.haltAfterForgetCommit=true");
        Http http = new Http(halting.url());
        assertThat(http.ingest(CrashRecoveryTest.batch(0), KEY).status()).isEqualTo(200);
        assertThat(http.ingest(CrashRecoveryTest.batch(EVENTS_PER_BATCH), KEY).status()).isEqualTo(200);
        try {
            forget(halting, range(0, EVENTS_PER_BATCH));
        } catch (IOException halted) {
            // committed, never answered
        }
        assertThat(halting.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(CrashRecoveryTest.entries(vault)).as("the halt came before any cut").hasSize(2 * EVENTS_PER_BATCH);

        CrashRecoveryTest.ServerProcess server = CrashRecoveryTest.ServerProcess.start(dir, vault);
        try {
            Map<Integer, Integer> left = CrashRecoveryTest.entries(vault);
            assertThat(left.keySet()).as("the committed forget was finished at start").allMatch(
                    id -> id >= EVENTS_PER_BATCH);
            assertThat(left).hasSize(EVENTS_PER_BATCH).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            Http after = new Http(server.url());
            Http.Response replay = after.ingest(CrashRecoveryTest.batch(0), KEY);
            assertThat(replay.json().get("stored").asInt()).as("tombstones survive the crash").isZero();
        } finally {
            server.stop();
        }
        assertThat(Files.readString(dir.resolve("server.log"))).contains("Recovery finished a forget");
    }

    @Test
    void killsDuringForgetsNeverTearAFile() throws Exception {
        Path vault = dir.resolve("vault");
        Random random = new Random(7);
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            CrashRecoveryTest.ServerProcess server = CrashRecoveryTest.ServerProcess.start(dir, vault);
            Http http = new Http(server.url());
            assertThat(http.ingest(CrashRecoveryTest.batch(round * EVENTS_PER_BATCH), KEY).status()).isEqualTo(200);
            if (round > 0) {
                // Forget the first half of the round before's events, and kill the server while it does.
                int first = (round - 1) * EVENTS_PER_BATCH;
                Thread forgetting = new Thread(() -> {
                    try {
                        forget(server, range(first, EVENTS_PER_BATCH / 2));
                    } catch (Exception killed) {
                        // the kill may come first
                    }
                });
                forgetting.start();
                Thread.sleep(random.nextInt(60));
                server.kill();
                forgetting.join(30_000);
            } else {
                server.kill();
            }
            CrashRecoveryTest.entries(vault);
        }
        CrashRecoveryTest.ServerProcess server = CrashRecoveryTest.ServerProcess.start(dir, vault);
        try {
            for (int round = 0; round < rounds - 1; round++) {
                Http.Response again = forget(server, range(round * EVENTS_PER_BATCH, EVENTS_PER_BATCH / 2));
                assertThat(again.status()).as(again.body()).isEqualTo(200);
            }
        } finally {
            server.stop();
        }
        Map<Integer, Integer> left = CrashRecoveryTest.entries(vault);
        for (int id = 0; id < rounds * EVENTS_PER_BATCH; id++) {
            boolean forgotten = id < (rounds - 1) * EVENTS_PER_BATCH && id % EVENTS_PER_BATCH < EVENTS_PER_BATCH / 2;
            assertThat(left.get(id)).as("event %d", id).isEqualTo(forgotten ? null : 1);
        }
    }

    @Test
    void killsDuringRetentionNeverTearAFile() throws Exception {
        Path vault = dir.resolve("vault");
        CrashRecoveryTest.ServerProcess filling = CrashRecoveryTest.ServerProcess.start(dir, vault);
        Http http = new Http(filling.url());
        // Events of 2024 (the crash test's times) are years past a 30-day retention; the last batch is recent.
        for (int batch = 0; batch < 4; batch++) {
            assertThat(http.ingest(CrashRecoveryTest.batch(batch * EVENTS_PER_BATCH), KEY).status()).isEqualTo(200);
        }
        String recent = recentBatch();
        assertThat(http.ingest(recent, KEY).status()).isEqualTo(200);
        filling.stop();

        Path config = dir.resolve("retention.json");
        Files.writeString(config, "{\"tenants\": {\"default\": {\"retention_days\": 30}}}");
        Random random = new Random(11);
        for (int round = 0; round < 4; round++) {
            CrashRecoveryTest.ServerProcess server = CrashRecoveryTest.ServerProcess.start(dir, vault, List.of(),
                    List.of("--config", config.toString()));
            Thread.sleep(random.nextInt(150));
            server.kill();
            CrashRecoveryTest.entries(vault);
        }
        CrashRecoveryTest.ServerProcess server = CrashRecoveryTest.ServerProcess.start(dir, vault, List.of(),
                List.of("--config", config.toString()));
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!CrashRecoveryTest.entries(vault).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            server.stop();
        }
        assertThat(CrashRecoveryTest.entries(vault)).as("every old event forgotten, each file whole").isEmpty();
        assertThat(Files.readString(vault.resolve("Journal").resolve(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + ".md"))).contains("still recent");
    }

    private static String recentBatch() {
        com.fasterxml.jackson.databind.node.ObjectNode batch = Bodies.batch("journal");
        Bodies.event(batch, System.currentTimeMillis() / 1000.0 - 60, "recent").put("text", "still recent");
        return batch.toString();
    }
}
