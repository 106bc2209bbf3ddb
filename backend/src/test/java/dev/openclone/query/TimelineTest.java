package dev.openclone.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.config.SettingsLoader;
import dev.openclone.event.Numbers;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day across sources, for keys that may read, from their own tenant only. */
class TimelineTest {

    @TempDir
    Path dir;

    @Test
    void dayIsListedInOrderWithItsFilesAndRedactedData() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, 1_708_300_799.0, "late").put("text", "last second, password=hunter2");
            Bodies.event(batch, Bodies.SEED_TIME, "noon").put("text", "noon");
            Bodies.event(batch, 1_708_300_800.0, "next").put("text", "next day");
            server.http().ingest(batch.toString());
            ObjectNode music = Bodies.batch("music");
            Bodies.event(music, Bodies.SEED_TIME + 60, "m").put("track", "So What");
            server.http().ingest(music.toString());

            JsonNode day = timeline(server, TestServer.KEY, "date=2024-02-18").json();

            assertThat(day.get("date").asText()).isEqualTo("2024-02-18");
            assertThat(day.get("events")).extracting(e -> e.get("time").asText())
                    .containsExactly("12:20", "12:21", "23:59");
            JsonNode last = day.get("events").get(2);
            assertThat(last.get("file").asText()).isEqualTo("Braindump/2024-02-18.md");
            assertThat(last.get("data").get("text").asText()).isEqualTo("last second, password=[REDACTED:password]");
            assertThat(timeline(server, TestServer.KEY, "date=2024-02-18&source_type=music").json().get("events"))
                    .hasSize(1);
            JsonNode limited = timeline(server, TestServer.KEY, "date=2024-02-18&limit=2").json();
            assertThat(limited.get("events")).hasSize(2);
            assertThat(limited.get("truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void onlyReadKeysMayReadAndOnlyTheirOwnTenant() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobWriter = registry.createKey("bob", "phone", Set.of(), false).key();
            String bobReader = registry.createKey("bob", "agent", Set.of(), true).key();
            String defaultWriter = registry.createKey("default", "sensor", Set.of(), false).key();
            server.awaitKey(defaultWriter);
            server.awaitKey(bobReader);
            server.http().ingest(Bodies.braindumps("d-", "default's secret diary"));
            assertThat(server.http().ingest(Bodies.braindumps("b-", "bob's own note"), bobWriter).status())
                    .isEqualTo(200);

            assertThat(timeline(server, bobWriter, "date=2024-02-18").status()).isEqualTo(403);
            assertThat(timeline(server, defaultWriter, "date=2024-02-18").status()).isEqualTo(403);
            assertThat(timeline(server, "nope", "date=2024-02-18").status()).isEqualTo(401);

            String bobsDay = timeline(server, bobReader, "date=2024-02-18").body();
            assertThat(bobsDay).contains("bob's own note").doesNotContain("diary");
            String defaultsDay = timeline(server, TestServer.KEY, "date=2024-02-18").body();
            assertThat(defaultsDay).contains("default's secret diary").doesNotContain("bob's own note");
        }
    }

    @Test
    void badParametersAre422() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http.Response badOffset = timeline(server, TestServer.KEY, "offset=-1");
            assertThat(badOffset.status()).isEqualTo(422);
            assertThat(badOffset.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"offset\"]");
            assertThat(timeline(server, TestServer.KEY, "date=18.02.2024").status()).isEqualTo(422);
            assertThat(timeline(server, TestServer.KEY, "date=2024-02-18&source_type=video").status())
                    .isEqualTo(422);
            assertThat(timeline(server, TestServer.KEY, "date=2024-02-18&limit=0").status()).isEqualTo(422);
            JsonNode empty = timeline(server, TestServer.KEY, "date=2024-02-18").json();
            assertThat(empty.get("events")).isEmpty();
        }
    }

    @Test
    void timestampsArePlainNumbersTheZoneIsNamedPlainlyAndTheDateDefaultsToToday() throws Exception {
        try (TestServer server = TestServer.start(dir, ZoneId.of("Etc/UTC"), Clock.systemUTC(), s -> s)) {
            double now = Math.floor(System.currentTimeMillis() / 1000d) + 0.5;
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, now, "today").put("text", "today's note");
            assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);

            Http.Response today = timeline(server, TestServer.KEY, "");
            assertThat(today.status()).isEqualTo(200);
            assertThat(today.json().get("date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(today.body()).contains("\"timestamp\":" + Numbers.plain(now) + ",").doesNotContain("E9");
            assertThat(today.json().get("events")).hasSize(1);
        }
        assertThat(SettingsLoader.named(ZoneId.of("Etc/UTC"))).isEqualTo(ZoneId.of("UTC"));
        assertThat(SettingsLoader.named(ZoneId.of("Europe/Riga"))).isEqualTo(ZoneId.of("Europe/Riga"));
    }

    static Http.Response timeline(TestServer server, String key, String query) throws Exception {
        return server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/timeline?" + query)).header("X-API-Key", key).GET().build());
    }
}
