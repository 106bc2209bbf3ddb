package dev.openclone.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.index.Index;
import dev.openclone.search.SearchIndex;
import dev.openclone.support.Bodies;
import dev.openclone.support.Cli;
import dev.openclone.support.Searching;
import dev.openclone.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone reindex --from-vault}: the index built anew from the Markdown files. */
class VaultRebuildTest {

    @TempDir
    Path dir;

    private static String screens(String ref, double at, String app, String text) {
        ObjectNode batch = Bodies.batch("screen_ocr");
        Bodies.event(batch, at, ref).put("text", text).put("app_name", app);
        return batch.toString();
    }

    /** The timeline's events without their ids (a rebuild numbers them anew). */
    private static JsonNode events(TestServer server) throws Exception {
        ArrayNode events = (ArrayNode) server.http().get("/api/v1/timeline?date=2024-02-18", TestServer.KEY).json()
                .get("events");
        events.forEach(event -> ((ObjectNode) event).remove("id"));
        return events;
    }

    private Cli.Result reindex() throws Exception {
        return Cli.run(dir, Map.of("OPENCLONE_VAULT", dir.resolve("vault").toString(), "OPENCLONE_HOME",
                dir.resolve("home").toString(), "API_KEY", TestServer.KEY), List.of("reindex", "--from-vault"));
    }

    @Test
    void aReadableIndexGivesItsKeysBackAndALostOneIsMadeFromTheEntries() throws Exception {
        double t = Bodies.SEED_TIME;
        String kept = screens("k", t, "Editor", "the lantern design notes");
        String forgotten = screens("f", t + 60, "Signal", "a message to forget");
        JsonNode before;
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(kept);
            server.http().ingest(forgotten);
            server.http().ingest(Bodies.braindumps("b", "remember the keel"));
            server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/forget")).header("X-API-Key", TestServer.KEY).POST(HttpRequest.BodyPublishers
                    .ofString("{\"app\": \"Signal\"}")).build());
            before = events(server);
            Cli.Result busy = reindex();
            assertThat(busy.code()).as("never beside a running server").isEqualTo(1);
            assertThat(busy.stderr()).contains("stop the server first");
        }

        Cli.Result first = reindex();
        assertThat(first.code()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("2 events kept from the old index, 0 made from their entries, "
                + "1 forgotten kept forgotten");
        Cli.Result second = reindex();
        assertThat(second.stdout()).as("again: the same").contains("2 events kept from the old index");
        try (TestServer server = TestServer.start(dir)) {
            assertThat(events(server)).isEqualTo(before);
            assertThat(server.http().ingest(kept).json().get("skipped").asInt()).as("its dedup key is back")
                    .isEqualTo(1);
            assertThat(server.http().ingest(forgotten).json().get("skipped").asInt()).as("still forgotten")
                    .isEqualTo(1);
        }

        // The index lost, with its search index: every entry is made from the Markdown.
        Path index = Index.file(dir.resolve("vault"));
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(index.resolveSibling(index.getFileName() + suffix));
        }
        try (var search = Files.walk(SearchIndex.folder(dir.resolve("vault")))) {
            for (Path file : search.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        Cli.Result lost = reindex();
        assertThat(lost.code()).as(lost.stderr()).isZero();
        assertThat(lost.stdout()).contains("0 events kept from the old index, 2 made from their entries");
        try (TestServer server = TestServer.start(dir)) {
            JsonNode rebuilt = events(server);
            assertThat(rebuilt).hasSize(2);
            assertThat(rebuilt.get(0).at("/data/text").asText()).isEqualTo("the lantern design notes");
            assertThat(rebuilt.get(0).at("/data/app_name").asText()).isEqualTo("Editor");
            assertThat(rebuilt.get(0).get("source_type").asText()).isEqualTo("screen_ocr");
            assertThat(rebuilt.get(0).get("time").asText()).isEqualTo(before.get(0).get("time").asText());
            assertThat(rebuilt.get(1).at("/data/text").asText()).isEqualTo("remember the keel");
            assertThat(Searching.awaitSearch(server, "lantern", 1).get("hits")).hasSize(1);
            assertThat(Searching.search(server, "forget").get("hits")).isEmpty();
        }
    }
}
