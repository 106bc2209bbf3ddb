package dev.openclone.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.Searching;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index follows the vault: what a person edits or deletes in a daily file is what the server answers. */
class VaultEditsTest {

    static final String DAY = "Journal/2024-02-18.md";

    @TempDir
    Path dir;

    static String journal(String ref, double at, String text) {
        ObjectNode batch = Bodies.batch("journal");
        Bodies.event(batch, at, ref).put("text", text);
        return batch.toString();
    }

    static JsonNode timeline(TestServer server) throws Exception {
        return server.http().get("/api/v1/timeline?date=2024-02-18", TestServer.KEY).json();
    }

    /** Asks until {@code done} holds (the server looks at the vault every second), at most 10 s. */
    static JsonNode await(TestServer server, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode answer;
        do {
            answer = server.http().get(path, TestServer.KEY).json();
            if (done.test(answer)) {
                return answer;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return answer;
    }

    @Test
    void anEditWhileRunningIsWhatTheTimelineShowsAndSearchFinds() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            double t = Bodies.SEED_TIME;
            server.http().ingest(journal("a", t, "Woke up early"));
            server.http().ingest(journal("b", t + 60, "Felt good today"));
            server.http().ingest(journal("c", t + 120, "Went for a long walk"));
            Searching.awaitSearch(server, "good", 1);

            Path day = server.vault().resolve(DAY);
            Files.writeString(day, Files.readString(day).replace("Felt good today", "Felt GREAT today, *really*"));
            JsonNode found = await(server, "/api/v1/search?q=great", a -> a.get("hits").size() == 1);
            assertThat(found.get("hits")).as("the edited words are found").hasSize(1);
            assertThat(Searching.search(server, "good").get("hits")).as("the old ones are not").isEmpty();
            JsonNode events = timeline(server).get("events");
            assertThat(events).hasSize(3);
            assertThat(events.get(1).at("/data/text").asText()).isEqualTo("Felt GREAT today, *really*");
            assertThat(events.get(2).at("/data/text").asText()).isEqualTo("Went for a long walk");

            // The entry after the edited one still points at its heading, and the server keeps appending after
            // the person's text.
            String text = Files.readString(day);
            JsonNode walk = Searching.awaitSearch(server, "walk", 1).get("hits").get(0);
            assertThat(text.lines().toList().get(walk.get("line").asInt() - 1)).startsWith("### ");
            server.http().ingest(journal("d", t + 180, "Evening tea"));
            assertThat(Files.readString(day)).startsWith(text).contains("Evening tea");
            Thread.sleep(1_500);
            assertThat(timeline(server).get("events")).as("its own append is not a person's edit").hasSize(4);
        }
    }

    @Test
    void deletedEntriesAndFilesAreGoneFromEveryAnswerAndStayGone() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            double t = Bodies.SEED_TIME;
            String first = journal("a", t, "the orchid secret");
            server.http().ingest(first);
            server.http().ingest(journal("b", t + 60, "keep this thought"));
            ObjectNode screen = Bodies.batch("screen_ocr");
            Bodies.event(screen, t, "s").put("text", "a screen about the nebula");
            server.http().ingest(screen.toString());
            Searching.awaitSearch(server, "nebula", 1);

            Path day = server.vault().resolve(DAY);
            String text = Files.readString(day);
            int start = text.indexOf("\n### ");
            int end = text.indexOf("---\n", start) + 4;
            Files.writeString(day, text.substring(0, start) + text.substring(end) + "A line of my own.\n");
            Files.delete(server.vault().resolve("Screen/2024-02-18.md"));

            JsonNode after = await(server, "/api/v1/timeline?date=2024-02-18", a -> a.get("events").size() == 1);
            assertThat(after.get("events")).singleElement().satisfies(e -> assertThat(e.at("/data/text").asText())
                    .isEqualTo("keep this thought"));
            assertThat(await(server, "/api/v1/search?q=orchid", a -> a.get("hits").isEmpty()).get("hits")).isEmpty();
            assertThat(Searching.search(server, "nebula").get("hits")).isEmpty();

            Http.Response replay = server.http().ingest(first);
            assertThat(replay.json().get("stored").asInt()).as("a deleted entry stays deleted").isZero();
            assertThat(Files.readString(day)).doesNotContain("orchid").endsWith("A line of my own.\n");
            assertThat(server.vault().resolve("Screen/2024-02-18.md")).doesNotExist();
        }
        assertThat(Searching.indexBytes(dir.resolve("vault"))).doesNotContain("orchid").doesNotContain("nebula");
    }

    @Test
    void editsMadeWhileTheServerWasStoppedAreTakenInAtStart() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(journal("a", Bodies.SEED_TIME, "draft wording"));
        }
        Path day = dir.resolve("vault").resolve(DAY);
        Files.writeString(day, Files.readString(day).replace("draft wording", "final wording"));
        Files.writeString(day, "\nA note I typed below.\n", StandardOpenOption.APPEND);
        try (TestServer server = TestServer.start(dir)) {
            JsonNode events = await(server, "/api/v1/timeline?date=2024-02-18",
                    a -> a.at("/events/0/data/text").asText().equals("final wording")).get("events");
            assertThat(events).singleElement().satisfies(e -> assertThat(e.at("/data/text").asText())
                    .isEqualTo("final wording"));
            assertThat(Searching.awaitSearch(server, "final", 1).get("hits")).hasSize(1);
            assertThat(Searching.search(server, "draft").get("hits")).isEmpty();
            assertThat(Files.readString(day)).endsWith("A note I typed below.\n");
        }
    }

    @Test
    void appendsGoToTheRealEndOfAFileThatShrankOrVanished() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            double t = Bodies.SEED_TIME;
            server.http().ingest(journal("a", t, "first entry"));
            server.http().ingest(journal("b", t + 60, "second entry"));
            Path day = server.vault().resolve(DAY);
            String text = Files.readString(day);
            // The person cuts the file down to its first entry, then the server appends.
            Files.writeString(day, text.substring(0, text.indexOf("---\n", text.indexOf("first entry")) + 4));
            server.http().ingest(journal("c", t + 120, "third entry"));
            String after = Files.readString(day);
            assertThat(after).contains("first entry", "third entry").doesNotContain("second entry");
            assertThat(after.indexOf("third entry")).isGreaterThan(after.indexOf("first entry"));
            assertThat(after).endsWith("---\n");

            Files.delete(day);
            server.http().ingest(journal("d", t + 180, "fourth entry"));
            assertThat(Files.readString(day)).startsWith("---\ntitle: Journal 2024-02-18").contains("fourth entry")
                    .doesNotContain("third entry");
            JsonNode events = await(server, "/api/v1/timeline?date=2024-02-18", a -> a.get("events").size() == 1);
            assertThat(events.get("events")).singleElement().satisfies(e -> assertThat(e.at("/data/text").asText())
                    .isEqualTo("fourth entry"));
        }
    }
}
