package dev.openclone.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.SourceType;
import dev.openclone.sdk.TextPattern;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEndpointTest {

    @TempDir
    Path dir;

    @Test
    void aKeyReadsItsOwnTenantsExclusionsOnly() throws Exception {
        TenantPolicy mine = new TenantPolicy(true, new Exclusions(List.of(TextPattern.parse("Signal"),
                TextPattern.parse("re:(?i)keepass")), List.of(TextPattern.parse("*Private Browsing*")),
                List.of(TextPattern.parse("bank.example")), List.of()), Set.of(SourceType.EMAIL));
        TenantPolicy bobs = new TenantPolicy(false, new Exclusions(List.of(TextPattern.parse("Slack")), List.of(),
                List.of(), List.of()), Set.of());
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.policies(Map.of("default", mine, "bob", bobs)));
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobKey = registry.createKey("bob", "phone", Set.of(SourceType.SCREEN_OCR), false).key();
            server.awaitKey(bobKey);

            JsonNode own = server.http().get("/api/v1/policy", TestServer.KEY).json();
            assertThat(own.get("tenant").asText()).isEqualTo("default");
            assertThat(own.get("redaction").asBoolean()).isTrue();
            assertThat(own.at("/exclusions/apps").toString()).isEqualTo("[\"Signal\",\"re:(?i)keepass\"]");
            assertThat(own.at("/exclusions/window_titles").toString()).isEqualTo("[\"*Private Browsing*\"]");
            assertThat(own.at("/exclusions/domains").toString()).isEqualTo("[\"bank.example\"]");
            assertThat(own.get("disabled_sources").toString()).isEqualTo("[\"email\"]");

            Http.Response bob = server.http().get("/api/v1/policy", bobKey);
            assertThat(bob.status()).isEqualTo(200);
            assertThat(bob.json().get("tenant").asText()).isEqualTo("bob");
            assertThat(bob.json().at("/exclusions/apps").toString()).isEqualTo("[\"Slack\"]");
            assertThat(bob.body()).doesNotContain("Signal").doesNotContain("bank.example");

            assertThat(server.http().get("/api/v1/policy", "oc_wrong").status()).isEqualTo(401);
        }
    }
}
