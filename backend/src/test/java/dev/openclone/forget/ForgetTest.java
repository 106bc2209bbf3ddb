package dev.openclone.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.Searching;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import dev.openclone.tenant.TenantRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/forget} against a real server: what goes, from where, and that it stays gone. */
class ForgetTest {

    static final double T = Bodies.SEED_TIME;
    static final String DAY = "Screen/2024-02-18.md";

    @TempDir
    Path dir;

    static Http.Response forget(TestServer server, String key, String body) throws Exception {
        return server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/forget")).timeout(Duration.ofSeconds(60)).header("X-API-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String screens(String ref, double at, String app, String text) {
        ObjectNode batch = Bodies.batch("screen_ocr");
        Bodies.event(batch, at, ref).put("text", text).put("app_name", app).put("window_title", app + " window");
        return batch.toString();
    }

    @Test
    void forgettingAnAppCutsItsEntriesKeepsAPersonsLinesAndAReplayStaysForgotten() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String signal = screens("s1", T, "Signal", "meet me at the zanzibar safehouse");
            assertThat(server.http().ingest(signal).status()).isEqualTo(200);
            assertThat(server.http().ingest(screens("e1", T + 60, "Editor", "quarterly budget draft")).status())
                    .isEqualTo(200);
            // A person writes in the daily file between the server's appends.
            Path day = server.vault().resolve(DAY);
            Files.writeString(day, "My own line, written in Obsidian.\n", java.nio.file.StandardOpenOption.APPEND);
            assertThat(server.http().ingest(screens("s2", T + 120, "signal", "second zanzibar message")).status())
                    .isEqualTo(200);
            assertThat(server.http().ingest(screens("e2", T + 180, "Editor", "budget final numbers")).status())
                    .isEqualTo(200);
            Searching.awaitSearch(server, "zanzibar", 2);
            String before = Files.readString(day);

            Http.Response preview = forget(server, TestServer.KEY, "{\"app\": \"Signal\", \"dry_run\": true}");
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            assertThat(preview.json().get("events").asInt()).isEqualTo(2);
            assertThat(preview.json().get("entries")).hasSize(2);
            assertThat(preview.json().at("/entries/0/label").asText()).isEqualTo("Signal window");
            assertThat(Files.readString(day)).as("a dry run changes nothing").isEqualTo(before);

            Http.Response done = forget(server, TestServer.KEY, "{\"app\": \"Signal\"}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.json().get("forgotten").asInt()).isEqualTo(2);
            assertThat(done.json().get("cut").asInt()).isEqualTo(2);
            assertThat(done.json().get("kept").asInt()).isZero();

            String after = Files.readString(day);
            assertThat(after).doesNotContain("zanzibar").contains("quarterly budget draft", "budget final numbers",
                    "My own line, written in Obsidian.\n");
            assertThat(Searching.search(server, "zanzibar").get("hits")).as("gone from search at once").isEmpty();
            JsonNode timeline = server.http().get("/api/v1/timeline?date=2024-02-18", TestServer.KEY).json();
            assertThat(timeline.get("events")).hasSize(2);
            // The entries after a cut moved: their recorded lines still point at their headings.
            for (JsonNode hit : Searching.awaitSearch(server, "budget", 2).get("hits")) {
                String heading = after.lines().toList().get(hit.get("line").asInt() - 1);
                assertThat(heading).as(hit.toString()).startsWith("### ").endsWith("Editor");
            }

            Http.Response replay = server.http().ingest(signal);
            assertThat(replay.json().get("stored").asInt()).as("a replay stays forgotten").isZero();
            assertThat(replay.json().get("skipped").asInt()).isEqualTo(1);
            assertThat(Files.readString(day)).doesNotContain("zanzibar");
        }
        assertThat(Searching.indexBytes(dir.resolve("vault"))).as("no trace in the index, its WAL or the search index")
                .doesNotContain("zanzibar");
    }

    @Test
    void eachSelectorForgetsWhatItSays() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(screens("a", T, "Mail", "alpha mail text"));
            server.http().ingest(screens("b", T + 3_600, "Mail", "beta mail text"));
            ObjectNode web = Bodies.batch("web_browsing");
            Bodies.event(web, T + 60, "w1").put("url", "https://www.example.org/page").put("title", "Example page");
            Bodies.event(web, T + 61, "w2").put("url", "https://other.net/").put("title", "Other page");
            assertThat(server.http().ingest(web.toString()).status()).isEqualTo(200);
            assertThat(server.http().ingest(Bodies.braindumps("d", "a passing thought about kiwis",
                    "a thought to keep")).status()).isEqualTo(200);
            ObjectNode phone = Bodies.batch("braindump");
            phone.put("device_id", "phone-7").put("plugin_id", "phone-notes");
            Bodies.event(phone, T + 5, "p1").put("text", "from the phone");
            assertThat(server.http().ingest(phone.toString()).status()).isEqualTo(200);
            Searching.awaitSearch(server, "kiwis", 1);

            List<String[]> cases = new ArrayList<>();
            cases.add(new String[] {"{\"domain\": \"example.org\"}", "1", "Example page"});
            cases.add(new String[] {"{\"plugin\": \"phone-notes\"}", "1", "from the phone"});
            cases.add(new String[] {"{\"device\": \"phone-7\"}", "0", ""});
            cases.add(new String[] {"{\"query\": \"kiwis\"}", "1", "kiwis"});
            cases.add(new String[] {"{\"from\": \"2024-02-18T13:00:00Z\", \"to\": \"2024-02-18T14:00:00Z\"}", "1",
                    "beta mail"});
            cases.add(new String[] {"{\"source_type\": [\"screen_ocr\"]}", "1", "alpha mail"});
            cases.add(new String[] {"{\"source_type\": \"web_browsing\"}", "1", "Other page"});
            for (String[] each : cases) {
                Http.Response dry = forget(server, TestServer.KEY, each[0].replace("}", ", \"dry_run\": true}"));
                assertThat(dry.json().get("events").asInt()).as(each[0]).isEqualTo(Integer.parseInt(each[1]));
                Http.Response done = forget(server, TestServer.KEY, each[0]);
                assertThat(done.json().get("forgotten").asInt()).as(each[0] + " " + done.body())
                        .isEqualTo(Integer.parseInt(each[1]));
                if (!each[2].isEmpty()) {
                    assertThat(VaultNotes.text(server.vault())).as(each[0]).doesNotContain(each[2]);
                }
            }
            assertThat(server.http().get("/api/v1/search?q=", TestServer.KEY).json().get("hits"))
                    .extracting(hit -> hit.get("snippet").asText()).singleElement().asString()
                    .contains("a thought to keep");
        }
    }

    @Test
    void onlyTheOwnersKeyForgetsAndBadRequestsSayWhy() throws Exception {
        try (TestServer server = TestServer.start(dir); TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String reader = registry.createKey("default", "agent", Set.of(), true).key();
            String bob = registry.createKey("bob", "phone", Set.of(SourceType.SCREEN_OCR), true).key();
            server.awaitKey(reader);
            server.awaitKey(bob);
            assertThat(server.http().ingest(screens("b1", T, "Notes", "bob's own words"), bob).status())
                    .isEqualTo(200);
            assertThat(forget(server, reader, "{\"app\": \"Notes\"}").status()).isEqualTo(403);
            assertThat(forget(server, bob, "{\"app\": \"Notes\"}").status()).isEqualTo(403);
            assertThat(forget(server, "nope", "{\"app\": \"Notes\"}").status()).isEqualTo(401);

            Http.Response everything = forget(server, TestServer.KEY, "{}");
            assertThat(everything.status()).isEqualTo(422);
            assertThat(everything.body()).contains("Say what to forget");
            Http.Response unknown = forget(server, TestServer.KEY, "{\"application\": \"Notes\"}");
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.body()).contains("application", "Extra inputs are not permitted");
            assertThat(forget(server, TestServer.KEY, "{\"app\": \"x\", \"tenant\": \"carol\"}").status())
                    .isEqualTo(404);
            assertThat(forget(server, TestServer.KEY, "{\"from\": \"someday\"}").body()).contains("from");

            Http.Response bobs = forget(server, TestServer.KEY, "{\"app\": \"Notes\", \"tenant\": \"bob\"}");
            assertThat(bobs.json().get("forgotten").asInt()).as(bobs.body()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("bob-vault").resolve(DAY))).doesNotContain("bob's own words");
        }
    }
}
