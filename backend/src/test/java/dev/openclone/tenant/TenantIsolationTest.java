package dev.openclone.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant A's key can neither write into nor reach anything of tenant B, and keys change while serving. */
class TenantIsolationTest {

    @TempDir
    Path dir;

    @Test
    void keyCreatedWhileServingWorksWithinASecondAndWritesOnlyItsTenantsVault() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            Path bobVault = dir.resolve("bob-vault");
            registry.addTenant("bob", bobVault);
            String bobKey = registry.createKey("bob", "laptop", Set.of(), false).key();

            long created = System.nanoTime();
            Http.Response response = untilNot401(server, Bodies.SEED_CURL_BODY, bobKey);
            assertThat((System.nanoTime() - created) / 1e9).as("seconds until the new key works").isLessThan(1.0);

            assertThat(response.status()).isEqualTo(200);
            assertThat(Files.readString(bobVault.resolve("Braindump/2024-02-18.md"))).contains("Hello!");
            assertThat(server.vault().resolve("Braindump")).doesNotExist();
            assertThat(bobVault.resolve(".openclone/index.db")).exists();
        }
    }

    @Test
    void eachTenantHasItsOwnDedupNamespaceAndRateBudget() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.rateLimit(60));
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobKey = registry.createKey("bob", null, Set.of(), false).key();
            untilNot401(server, Bodies.braindumps("warmup-", "bob warms up"), bobKey);

            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY).json().get("stored").asInt()).isEqualTo(1);
            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY, bobKey).json().get("stored").asInt())
                    .as("the same raw_ref in another tenant is another event").isEqualTo(1);

            for (int i = 0; i < 59; i++) {
                server.http().ingest(Bodies.braindumps("spend-" + i + "-", "x"));
            }
            assertThat(server.http().ingest(Bodies.braindumps("over-", "x")).status()).isEqualTo(429);
            assertThat(server.http().ingest(Bodies.braindumps("bob-", "still fine"), bobKey).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void craftedIdsCannotReachOutsideTheTenantsVault() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            Path bobVault = dir.resolve("bob-vault");
            registry.addTenant("bob", bobVault);
            String bobKey = registry.createKey("bob", null, Set.of(), false).key();
            untilNot401(server, Bodies.braindumps("warmup-", "bob warms up"), bobKey);

            for (String field : List.of("plugin_id", "device_id")) {
                for (String crafted : List.of("../vault", "..%2fvault", "/etc/passwd", "a/../../b", "C:\\x", "")) {
                    ObjectNode body = (ObjectNode) Bodies.JSON.readTree(Bodies.braindumps("c-", "crafted"));
                    body.put(field, crafted);
                    assertThat(server.http().ingest(body.toString(), bobKey).status()).as(field + "=" + crafted)
                            .isEqualTo(422);
                }
            }
            ObjectNode body = Bodies.batch("braindump");
            Bodies.event(body, Bodies.SEED_TIME, "../../vault/Braindump/2024-02-18.md").put("text", "path-like ref");
            assertThat(server.http().ingest(body.toString(), bobKey).json().get("stored").asInt()).isEqualTo(1);

            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> notes = files.filter(p -> p.toString().endsWith(".md")).toList();
                assertThat(notes).allMatch(p -> p.startsWith(bobVault));
            }
        }
    }

    @Test
    void revokedKeyIsRefusedWithinASecond() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            String key = registry.createKey("default", "old-phone", Set.of(), false).key();
            assertThat(untilNot401(server, Bodies.braindumps("a-", "before revoke"), key).status()).isEqualTo(200);

            registry.revoke("default", "old-phone");
            long revoked = System.nanoTime();
            Http.Response response;
            do {
                response = server.http().ingest(Bodies.braindumps("b-", "after revoke"), key);
            } while (response.status() == 200 && System.nanoTime() - revoked < 1_000_000_000L);

            assertThat(response.status()).as("refused within a second of the revoke").isEqualTo(401);
            assertThat(server.http().ingest(Bodies.braindumps("c-", "later"), key).status()).isEqualTo(401);
            assertThat(server.file("Braindump/2024-02-18.md")).doesNotContain("later");
        }
    }

    @Test
    void scopedKeyGets403OutsideItsSourceTypesAndNothingIsStored() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            String key = registry.createKey("default", "mic-only", Set.of(SourceType.AUDIO_MIC), false).key();
            ObjectNode mic = Bodies.batch("audio_mic");
            Bodies.event(mic, Bodies.SEED_TIME, "m1").put("text", "allowed");
            assertThat(untilNot401(server, mic.toString(), key).status()).isEqualTo(200);

            Http.Response refused = server.http().ingest(Bodies.braindumps("x-", "not allowed"), key);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("detail").asText()).contains("braindump", "audio_mic");
            assertThat(server.vault().resolve("Braindump")).doesNotExist();
        }
    }

    @Test
    void keyListShowsLabelsAndLastUseButNeverTheKey() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            String key = registry.createKey("default", "tablet", Set.of(), true).key();
            untilNot401(server, Bodies.braindumps("u-", "use it"), key);
            TenantRegistry.KeyInfo info = awaitLastUse(registry);
            assertThat(info.label()).isEqualTo("tablet");
            assertThat(info.canRead()).isTrue();

            // Every byte OPENCLONE_HOME holds, the WAL included (new rows sit there until a checkpoint): the
            // key's hash is there, which proves the scan reads where the rows are, and the key is not.
            String home = homeBytes(dir.resolve("home"));
            assertThat(home).contains(new String(KeyRing.hash(key), StandardCharsets.ISO_8859_1));
            assertThat(home).doesNotContain(key);
        }
        ProcessBuilder keyList = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dopenclone.root=" + dir, "-cp", System.getProperty("java.class.path"),
                "dev.openclone.Main", "key", "list").redirectErrorStream(true);
        keyList.environment().put("OPENCLONE_HOME", dir.resolve("home").toString());
        keyList.environment().put("API_KEY", TestServer.KEY);
        Process list = keyList.start();
        String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).as(listed).isZero();
        assertThat(listed).contains("tablet").doesNotContain("oc_");
    }

    /** Last-used times are written in batches every two seconds: waits for the first, up to ten seconds. */
    private static TenantRegistry.KeyInfo awaitLastUse(TenantRegistry registry) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        TenantRegistry.KeyInfo info = registry.keys("default").get(0);
        while (info.lastUsedAt() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            info = registry.keys("default").get(0);
        }
        assertThat(info.lastUsedAt()).as("last use recorded").isNotNull();
        return info;
    }

    private static String homeBytes(Path home) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home)) {
            for (Path file : files.toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Retries while the server has not yet picked up a new key (at most 2 s). */
    static Http.Response untilNot401(TestServer server, String body, String key) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        Http.Response response;
        do {
            response = server.http().ingest(body, key);
            if (response.status() != 401) {
                return response;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return response;
    }
}
