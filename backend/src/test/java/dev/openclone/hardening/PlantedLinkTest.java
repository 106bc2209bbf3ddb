package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfigParser;
import dev.openclone.conversation.RecallFile;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant who can write to their own vault folder plants symbolic links there: to another tenant's daily file,
 * to a file outside any vault, to another tenant's recall file. The server never follows them, and a vault that
 * reaches another through a link is refused.
 */
class PlantedLinkTest {

    static final String DAY = "Braindump/2024-02-18.md";

    @TempDir
    Path dir;

    @Test
    void aLinkedDailyFileOrFolderIsNeverWrittenThrough() throws Exception {
        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "not a vault file\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (TestServer server = TestServer.start(dir)) {
            Files.createDirectories(server.vault().resolve("Braindump"));
            Files.createSymbolicLink(server.vault().resolve(DAY), outside);
            Http.Response throughFile = server.http().ingest(Bodies.braindumps("l1-", "through a linked file"));
            assertThat(throughFile.status()).isEqualTo(500);
            assertThat(Files.readString(outside)).isEqualTo("not a vault file\n");

            Files.delete(server.vault().resolve(DAY));
            Files.delete(server.vault().resolve("Braindump"));
            Files.createSymbolicLink(server.vault().resolve("Braindump"), elsewhere);
            Http.Response throughFolder = server.http().ingest(Bodies.braindumps("l2-", "through a linked folder"));
            assertThat(throughFolder.status()).isEqualTo(500);
            try (var files = Files.list(elsewhere)) {
                assertThat(files).isEmpty();
            }

            // Once the link is gone, the same events are stored: nothing of the refused batches was kept.
            Files.delete(server.vault().resolve("Braindump"));
            Http.Response retry = server.http().ingest(Bodies.braindumps("l1-", "through a linked file"));
            assertThat(retry.json().get("stored").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anotherTenantsRecallFileIsNotReadThroughALink() throws Exception {
        String session = "agent:main:main";
        var config = ConversationConfigParser.parse(new ObjectMapper().readTree("{\"recallTurns\": 5}"),
                ZoneId.of("UTC"));
        Path secret = dir.resolve("other-recall.ndjson");
        Files.writeString(secret, "{\"advancementKey\":\"t\",\"timestamp\":\"2026-06-01T10:00:00.000Z\","
                + "\"sessionKey\":\"agent:main:main\",\"userText\":\"someone else's secret\",\"assistantText\":\"x\"}\n");
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.conversation(config))) {
            Path recall = server.vault().resolve(RecallFile.path("recall", session));
            Files.createDirectories(recall.getParent());
            Files.createSymbolicLink(recall, secret);
            Http.Response answer = server.http().get("/api/v1/recall?session_key=" + session, TestServer.KEY);
            assertThat(answer.body()).doesNotContain("someone else's secret");
            assertThat(answer.status()).isEqualTo(500);
        }
    }

    @Test
    void aVaultThatIsALinkToAnotherTenantsVaultIsRefused() throws Exception {
        try (TenantRegistry registry = TestServer.registry(dir)) {
            Path aliceVault = Files.createDirectories(dir.resolve("alice-vault"));
            registry.addTenant("alice", aliceVault);
            Path alias = dir.resolve("innocent-looking");
            Files.createSymbolicLink(alias, aliceVault);
            assertThatThrownBy(() -> registry.addTenant("mallory", alias))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps the vault of "
                            + "tenant 'alice'");
            Path inside = dir.resolve("inside-link");
            Files.createSymbolicLink(inside, aliceVault.resolve("sub"));
            assertThatThrownBy(() -> registry.addTenant("mallory", inside))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice");
        }
    }

    @Test
    void aTenantWhoseVaultWasLinkedAfterItWasAddedIsNotServed() throws Exception {
        Path bobVault = dir.resolve("bob-vault");
        String bobKey;
        try (TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", bobVault);
            bobKey = registry.createKey("bob", "phone", Set.of(), false).key();
        }
        // After bob was added, his (never used) vault folder became a link to the default tenant's vault.
        Files.createDirectories(dir.resolve("vault"));
        Files.createSymbolicLink(bobVault, dir.resolve("vault"));
        try (TestServer server = TestServer.start(dir)) {
            server.awaitKey(bobKey);
            Http.Response bobs = server.http().ingest(Bodies.braindumps("b-", "written into the default vault?"),
                    bobKey);
            assertThat(bobs.status()).isEqualTo(500);
            assertThat(server.file(DAY)).doesNotContain("written into the default vault");
        }
    }
}
