package dev.openclone.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/search} over HTTP against a real server: what is found, in what order, by whom. */
class SearchTest {

    @TempDir
    Path dir;

    static final double DAY = 86_400;

    private static void screen(TestServer server, double at, String ref, String app, String title, String text)
            throws Exception {
        ObjectNode batch = Bodies.batch("screen_ocr");
        ObjectNode data = Bodies.event(batch, at, ref);
        data.put("text", text).put("app_name", app).put("window_title", title);
        assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);
    }

    static Http.Response search(TestServer server, String key, String query) throws Exception {
        return server.http().get("/api/v1/search?" + query, key);
    }

    static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    private static List<String> refs(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        // The snippet is HTML: captured text escaped, matched words in <mark>.
        answer.get("hits").forEach(hit -> texts.add(hit.get("snippet").asText().replaceAll("</?mark>", "")
                .replace("&#x27;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&")));
        return texts;
    }

    private static JsonNode awaitHits(TestServer server, String query, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode answer;
        do {
            answer = search(server, TestServer.KEY, query).json();
        } while (answer.get("hits").size() < atLeast && System.nanoTime() < deadline);
        return answer;
    }

    @Test
    void wordsPhrasesExclusionPrefixesAndRanking() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            double t = Bodies.SEED_TIME;
            screen(server, t, "a", "Slack", "roadmap", "We decided the Q2 roadmap in the planning meeting");
            screen(server, t + 60, "b", "Mail", "misc", "The roadmap draft is attached");
            screen(server, t + 120, "c", "Terminal", "build", "error: connection refused while deploying");
            screen(server, t + 180, "d", "Browser", "cafe", "Lunch at the Café de Flore");

            JsonNode both = awaitHits(server, q("roadmap planning"), 2);
            assertThat(refs(both).get(0)).as("both words outrank one").contains("planning");
            assertThat(both.get("hits")).hasSize(2);
            assertThat(both.get("hits").get(0).get("highlights")).extracting(JsonNode::asText)
                    .contains("roadmap", "planning");

            assertThat(refs(search(server, TestServer.KEY, q("\"roadmap draft\"")).json())).singleElement()
                    .asString().contains("attached");
            assertThat(refs(search(server, TestServer.KEY, q("roadmap -draft")).json())).singleElement()
                    .asString().contains("Q2");
            assertThat(refs(search(server, TestServer.KEY, q("deploy*")).json())).singleElement().asString()
                    .contains("connection refused");
            assertThat(refs(search(server, TestServer.KEY, q("cafe")).json())).as("accents folded")
                    .singleElement().asString().contains("Café");
            assertThat(search(server, TestServer.KEY, q("nothing-like-this")).json().get("hits")).isEmpty();

            JsonNode hit = both.get("hits").get(0);
            assertThat(hit.get("file").asText()).isEqualTo("Screen/2024-02-18.md");
            assertThat(hit.get("app_name").asText()).isEqualTo("Slack");
            assertThat(hit.get("obsidian_uri").asText()).isEqualTo("obsidian://open?vault=vault&file=Screen%2F2024-02-18");
            List<String> lines = Files.readAllLines(server.vault().resolve("Screen/2024-02-18.md"));
            assertThat(lines.get(hit.get("line").asInt() - 1)).as("the line of the entry's heading")
                    .startsWith("### 12:20");
            // A person adds lines above the next entries: the lines recorded for new entries still point at them.
            Files.writeString(server.vault().resolve("Screen/2024-02-18.md"), "a line typed by hand\nand another\n",
                    java.nio.file.StandardOpenOption.APPEND);
            screen(server, t + 240, "e", "Notes", "later", "a zebra crossing");
            JsonNode later = awaitHits(server, q("zebra"), 1).get("hits").get(0);
            List<String> now = Files.readAllLines(server.vault().resolve("Screen/2024-02-18.md"));
            assertThat(now.get(later.get("line").asInt() - 1)).startsWith("### 12:24");
        }
    }

    @Test
    void filtersNarrowTheHits() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            double t = Bodies.SEED_TIME;
            screen(server, t, "a", "Slack", "general channel", "budget review notes");
            screen(server, t + DAY, "b", "Mail", "Inbox", "budget review notes");
            ObjectNode web = Bodies.batch("web_browsing");
            Bodies.event(web, t + 2 * DAY, "w").put("url", "https://www.example.com/budget").put("title",
                    "Budget review");
            server.http().ingest(web.toString());
            awaitHits(server, q("budget"), 3);

            assertThat(search(server, TestServer.KEY, q("budget") + "&source_type=web_browsing").json()
                    .get("hits")).hasSize(1);
            assertThat(search(server, TestServer.KEY, q("budget") + "&app_name=slack").json().get("hits"))
                    .hasSize(1);
            assertThat(search(server, TestServer.KEY, q("budget") + "&window_title=inbox").json().get("hits"))
                    .hasSize(1);
            assertThat(search(server, TestServer.KEY, q("budget") + "&domain=example.com").json().get("hits"))
                    .hasSize(1);
            assertThat(search(server, TestServer.KEY, q("budget") + "&from=2024-02-19&to=2024-02-19").json()
                    .get("hits")).hasSize(1);
            assertThat(search(server, TestServer.KEY, "source_type=screen_ocr&sort=time").json().get("hits")
                    .get(0).get("app_name").asText()).as("no words: newest first").isEqualTo("Mail");
            JsonNode paged = search(server, TestServer.KEY, q("budget") + "&limit=2").json();
            assertThat(paged.get("hits")).hasSize(2);
            assertThat(paged.get("more").asBoolean()).isTrue();
            assertThat(search(server, TestServer.KEY, q("budget") + "&limit=2&offset=2").json().get("hits"))
                    .hasSize(1);
            for (String bad : List.of("source_type=video", "from=yesterday", "limit=0", "limit=101", "sort=best",
                    "from=2024-02-20&to=2024-02-19")) {
                Http.Response response = search(server, TestServer.KEY, bad);
                assertThat(response.status()).as(bad).isEqualTo(422);
                assertThat(response.json().get("detail").get(0).get("loc").get(0).asText()).isEqualTo("query");
            }
        }
    }

    @Test
    void japaneseWordsAreFoundInsideSentences() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            screen(server, Bodies.SEED_TIME, "j1", "Zoom", "会議", "明日は東京で会議があります");
            screen(server, Bodies.SEED_TIME + 60, "j2", "Zoom", "雑談", "田中さんとランチ");
            assertThat(refs(awaitHits(server, q("会議"), 1))).singleElement().asString().contains("東京");
            assertThat(refs(search(server, TestServer.KEY, q("田中")).json())).singleElement().asString()
                    .contains("ランチ");
            assertThat(search(server, TestServer.KEY, q("大阪")).json().get("hits")).isEmpty();
        }
    }

    @Test
    void onlyReadKeysSearchOnlyTheirTenantAndSecretsAreNeverFound() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobWriter = registry.createKey("bob", "phone", Set.of(SourceType.SCREEN_OCR), false).key();
            String bobReader = registry.createKey("bob", "agent", Set.of(), true).key();
            server.awaitKey(bobWriter);
            server.awaitKey(bobReader);
            screen(server, Bodies.SEED_TIME, "s", "Terminal", "aws", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE "
                    + "for the default tenant's pipeline");
            ObjectNode bobs = Bodies.batch("screen_ocr");
            Bodies.event(bobs, Bodies.SEED_TIME, "b").put("text", "bob's private pipeline notes");
            assertThat(server.http().ingest(bobs.toString(), bobWriter).status()).isEqualTo(200);
            awaitHits(server, q("pipeline"), 1);

            assertThat(search(server, bobWriter, q("pipeline")).status()).isEqualTo(403);
            assertThat(search(server, "nope", q("pipeline")).status()).isEqualTo(401);
            JsonNode bobFound = search(server, bobReader, q("pipeline")).json();
            assertThat(refs(bobFound)).singleElement().asString().contains("bob's private");
            assertThat(refs(search(server, TestServer.KEY, q("pipeline")).json())).singleElement().asString()
                    .contains("default tenant");
            assertThat(search(server, TestServer.KEY, q("AKIAIOSFODNN7EXAMPLE")).json().get("hits"))
                    .as("a redacted secret is not findable").isEmpty();
            assertThat(search(server, TestServer.KEY, q("AKIA*")).json().get("hits")).isEmpty();
        }
    }

    @Test
    void aNewEventIsFoundWithinASecondAndADeletedIndexIsRebuiltAtStart() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            search(server, TestServer.KEY, q("warm"));
            screen(server, Bodies.SEED_TIME, "f", "Notes", "fresh", "a brand new zeppelin thought");
            long stored = System.nanoTime();
            JsonNode found;
            do {
                found = search(server, TestServer.KEY, q("zeppelin")).json();
            } while (found.get("hits").isEmpty() && System.nanoTime() - stored < 1_000_000_000L);
            assertThat(found.get("hits")).as("found within a second of its 200").hasSize(1);
        }
        SearchIndex.delete(SearchIndex.folder(dir.resolve("vault")));
        try (TestServer server = TestServer.start(dir)) {
            assertThat(refs(awaitHits(server, q("zeppelin"), 1))).as("rebuilt from the index, no re-ingest")
                    .singleElement().asString().contains("brand new");
        }
    }
}
