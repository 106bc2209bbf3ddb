package dev.openclone.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.config.PolicyConfig;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redaction, exclusions and source switches as a household's server applies them, over HTTP. */
class PrivacyTest {

    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String PASSWORD = "Tr0ub4dor&3xyz";
    static final String CARD = "4111 1111 1111 1111";

    @TempDir
    Path dir;

    @Test
    void secretsTypedOnScreenNeverReachTheDiskAndAreCounted() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("screen_ocr");
            ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME, "secret-1");
            data.put("text", "export AWS_ACCESS_KEY_ID=" + AWS_KEY + "\nlogin password=" + PASSWORD + " card " + CARD);
            data.put("app_name", "Terminal");
            data.put("url", "https://admin:" + PASSWORD + "@intranet.example/");

            Http.Response response = server.http().ingest(batch.toString());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("redacted").asInt()).isEqualTo(4);
            assertThat(server.file("Screen/2024-02-18.md")).contains("[REDACTED:aws_access_key]",
                    "password=[REDACTED:password] card", "[REDACTED:card_number]",
                    "https://admin:[REDACTED:password]@intranet.example/");
            server.close();
            assertThat(bytesUnder(dir)).doesNotContain(AWS_KEY, PASSWORD, CARD, CARD.replace(" ", ""));
        }
    }

    @Test
    void tenantThatTurnsRedactionOffKeepsTextAsTyped() throws Exception {
        TenantPolicy off = new TenantPolicy(false, Exclusions.NONE, java.util.Set.of());
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.policies(Map.of("default", off)))) {
            Http.Response response = server.http().ingest(Bodies.braindumps("r-", "password=" + PASSWORD));
            assertThat(response.json().get("redacted").asInt()).isZero();
            assertThat(server.file("Braindump/2024-02-18.md")).contains(PASSWORD);
        }
    }

    @Test
    void excludedAppsTitlesDomainsUrlsAndPrivateEventsLeaveNoTrace() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"tenants": {"default": {"exclusions": {
                    "apps": ["1Password*", "Keychain Access"],
                    "window_titles": ["re:(?i)private browsing", "*— Bank*"],
                    "domains": ["bank.example"],
                    "urls": ["https://*/admin/*"]
                }}}}""");
        Map<String, TenantPolicy> policies = PolicyConfig.read(config, TestServer.UTC).tenants();
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.policies(policies))) {
            ObjectNode screen = Bodies.batch("screen_ocr");
            screen(screen, "ex-1", "1Password 8", "Vault", null, "hidden one");
            screen(screen, "ex-2", "keychain access", "Login", null, "hidden two");
            screen(screen, "ex-3", "Firefox", "News — Private Browsing", null, "hidden three");
            screen(screen, "ex-4", "Safari", "Statement — Bank of X", null, "hidden four");
            screen(screen, "ex-5", "Safari", "Accounts", "https://www.bank.example/accounts", "hidden five");
            screen(screen, "ex-6", "Chrome", "Admin", "https://shop.example/admin/users", "hidden six");
            screen(screen, "ok-1", "Chrome", "Docs", "https://docs.example/guide", "visible one");
            ObjectNode web = Bodies.batch("web_browsing");
            Bodies.event(web, Bodies.SEED_TIME, "w-1").put("url", "https://a.example").put("title", "hidden seven")
                    .put("incognito", true);
            Bodies.event(web, Bodies.SEED_TIME, "w-2").put("url", "https://b.example").put("title", "hidden eight")
                    .put("private", true);
            Bodies.event(web, Bodies.SEED_TIME, "w-3").put("url", "https://c.example").put("title", "visible two")
                    .put("private", false);

            Http.Response screenAnswer = server.http().ingest(screen.toString());
            Http.Response webAnswer = server.http().ingest(web.toString());

            assertThat(screenAnswer.json().get("stored").asInt()).isEqualTo(1);
            assertThat(screenAnswer.json().get("skipped").asInt()).isEqualTo(6);
            assertThat(webAnswer.json().get("stored").asInt()).isEqualTo(1);
            assertThat(webAnswer.json().get("skipped").asInt()).isEqualTo(2);
            server.close();
            String everything = bytesUnder(dir.resolve("vault"));
            assertThat(everything).contains("visible one", "visible two");
            for (int i = 1; i <= 8; i++) {
                assertThat(everything).doesNotContain("hidden " + List.of("one", "two", "three", "four", "five",
                        "six", "seven", "eight").get(i - 1));
            }
        }
    }

    @Test
    void sourceTypeTurnedOffIs403() throws Exception {
        TenantPolicy noHealth = new TenantPolicy(true, Exclusions.NONE,
                java.util.Set.of(dev.openclone.event.SourceType.HEALTH));
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.policies(Map.of("default", noHealth)))) {
            ObjectNode health = Bodies.batch("health");
            Bodies.event(health, Bodies.SEED_TIME, "h-1").put("steps", 100);

            Http.Response response = server.http().ingest(health.toString());

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("detail").asText()).contains("health", "turned off");
            assertThat(server.vault().resolve("Health")).doesNotExist();
            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY).status()).isEqualTo(200);
        }
    }

    private static void screen(ObjectNode batch, String ref, String app, String title, String url, String text) {
        ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME, ref);
        data.put("app_name", app).put("window_title", title).put("text", text);
        if (url != null) {
            data.put("url", url);
        }
    }

    /** Every byte of every file under {@code root} (vault notes, index and its WAL, registry), as one string. */
    static String bytesUnder(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
