package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of huge entries is paged by size as well as by count: before, 300 entries of a million characters made
 * {@code limit=100} load 100 MB of trees and fail with OutOfMemoryError while unrelated ingests failed too.
 */
class LargeDayTest {

    static final int EVENTS = 12;

    @TempDir
    Path dir;

    @Test
    void aDayOfMegabyteEntriesComesInPagesOfAFewMegabytes() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < EVENTS; i++) {
                ObjectNode batch = Bodies.batch("braindump");
                Bodies.event(batch, Bodies.SEED_TIME + i, "big-" + i).put("text", "big" + i + " "
                        + "y".repeat(1_000_000));
                assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);
            }
            Set<String> seen = new HashSet<>();
            int offset = 0;
            int pages = 0;
            while (true) {
                Http.Response page = server.http().get("/api/v1/timeline?date=2024-02-18&limit=100&offset=" + offset,
                        TestServer.KEY);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().length()).as("one page").isLessThan(10_000_000);
                JsonNode json = page.json();
                for (JsonNode event : json.get("events")) {
                    String text = event.get("data").get("text").asText();
                    assertThat(text).startsWith("big").hasSizeGreaterThan(1_000_000);
                    seen.add(text.substring(0, text.indexOf(' ')));
                }
                pages++;
                if (!json.get("truncated").asBoolean()) {
                    break;
                }
                offset = json.get("next_offset").asInt();
            }
            assertThat(pages).as("paged by size").isGreaterThan(1);
            assertThat(seen).hasSize(EVENTS);
        }
    }
}
