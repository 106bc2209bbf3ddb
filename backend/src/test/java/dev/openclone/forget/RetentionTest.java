package dev.openclone.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.config.PolicyConfig;
import dev.openclone.config.SettingsException;
import dev.openclone.support.Bodies;
import dev.openclone.support.Searching;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention from {@code OPENCLONE_CONFIG}: what is past its days, or oldest over the size cap, is forgotten. */
class RetentionTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final double DAY = 86_400;

    @TempDir
    Path dir;

    private static String event(String type, double at, String ref, String text) {
        ObjectNode batch = Bodies.batch(type);
        Bodies.event(batch, at, ref).put("text", text);
        return batch.toString();
    }

    private TestServer start(String config) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, config);
        PolicyConfig.Parsed parsed = PolicyConfig.read(file, ZoneId.of("UTC"));
        return TestServer.start(dir, TestServer.UTC, Clock.fixed(NOW, ZoneOffset.UTC),
                s -> s.policies(parsed.tenants()));
    }

    private static boolean found(TestServer server, String words) throws Exception {
        return !Searching.search(server, words).get("hits").isEmpty();
    }

    @Test
    void eventsPastTheirDaysAreForgottenAtStart() throws Exception {
        double now = NOW.getEpochSecond();
        try (TestServer server = start("{}")) {
            server.http().ingest(event("journal", now - 40 * DAY, "j1", "an old diary of walruses"));
            server.http().ingest(event("journal", now - 10 * DAY, "j2", "a recent diary of otters"));
            server.http().ingest(event("screen_ocr", now - 2 * DAY, "s1", "a screen of herons"));
            server.http().ingest(event("screen_ocr", now - 3_600, "s2", "a screen of puffins"));
            Searching.awaitSearch(server, "puffins", 1);
            assertThat(found(server, "walruses")).isTrue();
        }
        try (TestServer server = start("{\"tenants\": {\"default\": {\"retention_days\": 30, "
                + "\"sources\": {\"screen_ocr\": {\"retention_days\": 1}}}}}")) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((found(server, "walruses") || found(server, "herons")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(found(server, "walruses")).as("past the tenant's 30 days").isFalse();
            assertThat(found(server, "herons")).as("past screen_ocr's 1 day").isFalse();
            assertThat(Searching.awaitSearch(server, "otters", 1).get("hits")).hasSize(1);
            assertThat(Searching.awaitSearch(server, "puffins", 1).get("hits")).hasSize(1);
            assertThat(VaultNotes.text(server.vault())).doesNotContain("walruses").doesNotContain("herons");
            Thread.sleep(200);
        }
        assertThat(Files.readString(dir.resolve("home").resolve("../vault/.openclone/index.db").normalize(),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("walruses");
    }

    @Test
    void overTheSizeCapTheOldestGo() throws Exception {
        double now = NOW.getEpochSecond();
        String filler = "x".repeat(2_000);
        try (TestServer server = start("{}")) {
            for (int i = 0; i < 800; i++) {
                server.http().ingest(event("braindump", now - 800 + i, "b" + i, "thought" + i + " " + filler));
            }
        }
        assertThat(RetentionRunner.dailyFilesSize(dir.resolve("vault"))).isGreaterThan(1024 * 1024);
        try (TestServer server = start("{\"tenants\": {\"default\": {\"max_size_mb\": 1}}}")) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (RetentionRunner.dailyFilesSize(server.vault()) > 1024 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(RetentionRunner.dailyFilesSize(server.vault())).isLessThanOrEqualTo(1024 * 1024);
            JsonNode newest = Searching.awaitSearch(server, "thought799", 1);
            assertThat(newest.get("hits")).as("the newest stay").hasSize(1);
            assertThat(Searching.search(server, "thought0").get("hits")).as("the oldest went").isEmpty();
        }
    }

    @Test
    void badRetentionSettingsStopStartUpWithTheKeyNamed() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"tenants\": {\"default\": {\"retention_days\": 0}}}");
        assertThatThrownBy(() -> PolicyConfig.read(file, ZoneId.of("UTC"))).isInstanceOf(SettingsException.class)
                .hasMessage("OPENCLONE_CONFIG: tenants.default.retention_days: must be a whole number of days from 1 "
                        + "to 36500");
        Files.writeString(file, "{\"tenants\": {\"default\": {\"sources\": {\"gps\": {\"retention_days\": \"a "
                + "week\"}}}}}");
        assertThatThrownBy(() -> PolicyConfig.read(file, ZoneId.of("UTC"))).hasMessageContaining(
                "tenants.default.sources.gps.retention_days: must be a whole number of days");
        Files.writeString(file, "{\"tenants\": {\"default\": {\"max_size_mb\": -5}}}");
        assertThatThrownBy(() -> PolicyConfig.read(file, ZoneId.of("UTC"))).hasMessageContaining(
                "tenants.default.max_size_mb: must be a whole number of MiB");
    }
}
