package dev.openclone.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Cli.Result;
import dev.openclone.support.Cli;
import dev.openclone.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone search} and {@code openclone reindex} as a person runs them. */
class SearchCliTest {

    @TempDir
    Path dir;

    @Test
    void searchPrintsHitsAndReindexRebuildsTheSearchIndexWhileTheServerIsStopped() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("screen_ocr");
            Bodies.event(batch, Bodies.SEED_TIME, "s1").put("text", "the quarterly roadmap review")
                    .put("app_name", "Slack");
            server.http().ingest(batch.toString());
            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY",
                    TestServer.KEY, "OPENCLONE_VAULT", dir.resolve("vault").toString(), "OPENCLONE_HOME",
                    dir.resolve("home").toString());
            Result found = run(env, "search", "roadmap");
            for (int i = 0; i < 20 && !found.stdout().contains("roadmap"); i++) {
                Thread.sleep(100);
                found = run(env, "search", "roadmap");
            }
            assertThat(found.code()).as(found.stderr()).isZero();
            assertThat(found.stdout()).contains("screen_ocr", "Slack", "Screen/2024-02-18.md:",
                    "the quarterly **roadmap** review");
            assertThat(run(env, "search", "--json", "roadmap").stdout()).startsWith("{\"hits\":[");
            assertThat(run(env, "search", "zebra").stdout().strip()).isEqualTo("No hits.");
            Result bad = run(env, "search", "--from", "someday", "x");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.stderr()).startsWith("openclone: from: Input should be a date");

            Result busy = run(env, "reindex");
            assertThat(busy.code()).as("the running server holds the search index").isEqualTo(1);
            assertThat(busy.stderr()).contains("stop the server first");
        }
        Map<String, String> offline = Map.of("OPENCLONE_VAULT", dir.resolve("vault").toString(), "OPENCLONE_HOME",
                dir.resolve("home").toString(), "API_KEY", TestServer.KEY);
        Result rebuilt = run(offline, "reindex");
        assertThat(rebuilt.code()).as(rebuilt.stderr()).isZero();
        assertThat(rebuilt.stdout()).contains("Rebuilt the search index of", ": 1 events");
        assertThat(run(offline, "reindex").stdout()).as("again: the same").contains(": 1 events");
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.http().get("/api/v1/search?q=quarterly", TestServer.KEY).json().get("hits"))
                    .hasSize(1);
        }
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        return Cli.run(dir, env, List.of(args));
    }
}
