package dev.openclone.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault that cannot be written answers 500, keeps nothing of the batch, and a retry after the fix stores it. */
class StorageFailureTest {

    static final String DAY_ONE = "Braindump/2024-02-18.md";
    static final double DAY_TWO_TIME = 1_708_345_200.0; // 2024-02-19T12:20:00Z

    @TempDir
    Path dir;

    @Test
    void readOnlyVaultFolderGives500ThenACleanRetryAfterTheFix() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.http().ingest(Bodies.braindumps("before-", "before the failure")).status())
                    .isEqualTo(200);
            Path folder = server.vault().resolve("Braindump");
            String dayOne = server.file(DAY_ONE);
            ReadOnly readOnly = ReadOnly.make(folder);
            try {
                Http.Response failed = server.http().ingest(dayTwo("ro-", "while read-only"));
                assertThat(failed.status()).isEqualTo(500);
                assertThat(failed.body()).isEqualTo("{\"detail\":\"Storage error — vault write failed\"}");
            } finally {
                readOnly.undo();
            }
            assertThat(server.file(DAY_ONE)).isEqualTo(dayOne);

            Http.Response retry = server.http().ingest(dayTwo("ro-", "while read-only"));

            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.json().get("stored").asInt()).isEqualTo(1);
            assertThat(retry.json().get("skipped").asInt()).isZero();
            assertThat(server.file("Braindump/2024-02-19.md")).contains("while read-only");
        }
    }

    @Test
    void dailyFileBlockedByAFolderGives500ThenStoresAfterTheFix() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Path blocker = server.vault().resolve(DAY_ONE);
            Files.createDirectories(blocker);

            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY).status()).isEqualTo(500);

            Files.delete(blocker);
            Http.Response retry = server.http().ingest(Bodies.SEED_CURL_BODY);
            assertThat(retry.json().get("stored").asInt()).isEqualTo(1);
            assertThat(server.file(DAY_ONE)).contains("Hello!");
        }
    }

    @Test
    void batchFailingOnOneFileTakesItsEntriesBackOutOfTheOther() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(Bodies.braindumps("old-", "already there"));
            String dayOne = server.file(DAY_ONE);
            Path blocker = server.vault().resolve("Braindump/2024-02-19.md");
            Files.createDirectories(blocker);
            ObjectNode batch = Bodies.batch("braindump");
            Bodies.event(batch, Bodies.SEED_TIME + 5, "split-1").put("text", "day one part");
            Bodies.event(batch, DAY_TWO_TIME, "split-2").put("text", "day two part");

            assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(500);
            assertThat(server.file(DAY_ONE)).isEqualTo(dayOne);

            Files.delete(blocker);
            Http.Response retry = server.http().ingest(batch.toString());
            assertThat(retry.json().get("stored").asInt()).isEqualTo(2);
            assertThat(server.file(DAY_ONE)).startsWith(dayOne).contains("day one part");
            assertThat(server.file("Braindump/2024-02-19.md")).contains("day two part");
        }
    }

    static String dayTwo(String prefix, String text) {
        ObjectNode batch = Bodies.batch("braindump");
        Bodies.event(batch, DAY_TWO_TIME, prefix + "0").put("text", text);
        return batch.toString();
    }

    /**
     * Makes a folder read-only for this process: mode 555, and for root (whom modes do not stop) the immutable
     * attribute as well. Fails the test if the folder is still writable, so the check can never pass vacuously.
     */
    record ReadOnly(Path folder, boolean immutable) {
        static ReadOnly make(Path folder) throws IOException, InterruptedException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            boolean immutable = false;
            if (writable(folder)) {
                immutable = new ProcessBuilder("chattr", "+i", folder.toString()).inheritIO().start().waitFor() == 0;
            }
            assertThat(writable(folder)).as("could not make %s read-only for this user", folder).isFalse();
            return new ReadOnly(folder, immutable);
        }

        void undo() throws IOException, InterruptedException {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", folder.toString()).inheritIO().start().waitFor();
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        private static boolean writable(Path folder) {
            Path probe = folder.resolve(".write-probe");
            try {
                Files.createFile(probe);
                Files.delete(probe);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
