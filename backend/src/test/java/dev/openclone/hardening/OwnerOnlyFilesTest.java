package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Bodies;
import dev.openclone.support.McpClients;
import dev.openclone.support.TestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory is readable by its owner only: every folder 700, every file 600, new or left by an older version. */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    /** Every folder and file below {@code root} whose mode lets anyone but the owner in. */
    private static List<String> open(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS));
                if (!mode.endsWith("------")) {
                    open.add(root.relativize(path) + " " + mode);
                }
            }
        }
        return open;
    }

    @Test
    void aFreshServerCreatesEverythingOwnerOnly() throws Exception {
        Path home = dir.resolve("home");
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.http().ingest(Bodies.braindumps("p", "private thought")).status()).isEqualTo(200);
            try (McpSyncClient client = McpClients.connect(server, TestServer.KEY)) {
                McpClients.call(client, "remember", Map.of("text", "a note", "title", "t"));
                McpClients.call(client, "search", Map.of("q", "private"));
            }
            assertThat(Files.readString(server.vault().resolve("Braindump/2024-02-18.md"))).contains("private");
            assertThat(open(server.vault())).as("the vault, its index and search index").isEmpty();
        }
        if (Files.exists(home)) {
            assertThat(open(home)).isEmpty();
        }
    }

    @Test
    void anOlderVaultIsTightenedAtStart() throws Exception {
        Path vault = dir.resolve("vault");
        Files.createDirectories(vault.resolve("Screen"));
        Path old = vault.resolve("Screen/2024-01-01.md");
        Files.writeString(old, "# an older day\n");
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(vault.resolve("Screen"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        Path readOnly = vault.resolve("Screen/kept-read-only.md");
        Files.writeString(readOnly, "mine\n");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        try (TestServer server = TestServer.start(dir)) {
            assertThat(open(vault)).isEmpty();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly)))
                    .as("only rights are taken away").isEqualTo("r--------");
            assertThat(Files.readString(old)).isEqualTo("# an older day\n");
        }
    }
}
