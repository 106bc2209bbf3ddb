package dev.openclone.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Cli;
import dev.openclone.support.Searching;
import dev.openclone.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone export} while the server runs, then {@code openclone restore}: the same memory, answered alike. */
class BackupTest {

    @TempDir
    Path dir;

    private static String screens(String ref, double at, String app, String text) {
        ObjectNode batch = Bodies.batch("screen_ocr");
        Bodies.event(batch, at, ref).put("text", text).put("app_name", app);
        return batch.toString();
    }

    @Test
    void anExportRestoredElsewhereAnswersTheSameAndKeepsItsTombstones() throws Exception {
        String forgotten = screens("f", Bodies.SEED_TIME + 30, "Signal", "a message to forget");
        JsonNode timeline;
        JsonNode found;
        Path out = dir.resolve("memory.zip");
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(screens("a", Bodies.SEED_TIME, "Editor", "the harbour plan, first draft"));
            server.http().ingest(Bodies.braindumps("b", "call the harbour master", "buy rope"));
            server.http().ingest(forgotten);
            Files.writeString(server.vault().resolve("Screen/2024-02-18.md"), "A line I wrote.\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Searching.awaitSearch(server, "forget", 1);
            server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/forget")).header("X-API-Key", TestServer.KEY).POST(HttpRequest.BodyPublishers
                    .ofString("{\"app\": \"Signal\"}")).build());
            timeline = server.http().get("/api/v1/timeline?date=2024-02-18", TestServer.KEY).json();
            found = Searching.awaitSearch(server, "harbour", 2);

            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY",
                    TestServer.KEY);
            Cli.Result exported = Cli.run(dir, env, List.of("export", out.toString()));
            assertThat(exported.code()).as(exported.stderr()).isZero();
            assertThat(exported.stdout()).contains("Saved the memory of tenant default to " + out);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
            assertThat(Cli.run(dir, env, List.of("export", out.toString())).code()).as("never overwrites")
                    .isEqualTo(2);
            Cli.Result reader = Cli.run(dir, Map.of("OPENCLONE_URL", env.get("OPENCLONE_URL"), "API_KEY", "x"),
                    List.of("export", dir.resolve("other.zip").toString()));
            assertThat(reader.code()).isEqualTo(1);
        }

        Path restored = dir.resolve("restored");
        Cli.Result done = Cli.run(dir, Map.of(), List.of("restore", out.toString(), "--vault", restored.toString()));
        assertThat(done.code()).as(done.stderr()).isZero();
        assertThat(done.stdout()).startsWith("Restored ");
        assertThat(Files.readString(restored.resolve("Screen/2024-02-18.md"))).contains("A line I wrote.")
                .doesNotContain("forget");
        Cli.Result again = Cli.run(dir, Map.of(), List.of("restore", out.toString(), "--vault", restored.toString()));
        assertThat(again.code()).isEqualTo(2);
        again.saysOneLine(restored.toAbsolutePath() + " is not empty");

        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        try (TestServer copy = TestServer.start(elsewhere, TestServer.UTC, Clock.systemUTC(), s -> s.vault(restored))) {
            assertThat(copy.http().get("/api/v1/timeline?date=2024-02-18", TestServer.KEY).json()).isEqualTo(timeline);
            JsonNode copyFound = Searching.awaitSearch(copy, "harbour", 2);
            assertThat(copyFound.get("hits")).hasSize(2);
            for (int i = 0; i < 2; i++) {
                for (String field : List.of("id", "file", "line", "snippet")) {
                    assertThat(copyFound.at("/hits/" + i + "/" + field)).isEqualTo(found.at("/hits/" + i + "/"
                            + field));
                }
            }
            assertThat(copy.http().ingest(forgotten).json().get("stored").asInt()).as("tombstones came along")
                    .isZero();
        }
    }

    @Test
    void anArchiveThatWouldWriteOutsideTheFolderIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ExportService.MANIFEST));
            zip.write("{}".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("vault/../../escaped.md"));
            zip.write("x".getBytes());
            zip.closeEntry();
        }
        Path target = dir.resolve("target");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Restore.into(new ByteArrayInputStream(
                bytes.toByteArray()), target)).hasMessageContaining("outside");
        assertThat(dir.resolve("escaped.md")).doesNotExist();
        assertThat(dir.getParent().resolve("escaped.md")).doesNotExist();
    }
}
