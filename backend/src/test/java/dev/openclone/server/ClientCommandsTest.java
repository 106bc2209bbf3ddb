package dev.openclone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest, note and status as a user runs them: their own process, talking to a live server. */
class ClientCommandsTest {

    @TempDir
    Path dir;

    @Test
    void ingestSplitsBigBodiesAndNdjsonIntoBatchesAndReportsRefusals() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode big = Bodies.batch("braindump");
            for (int i = 0; i < 1_200; i++) {
                Bodies.event(big, Bodies.SEED_TIME + i, "big-" + i).put("text", "big evt" + i + "end");
            }
            Path file = dir.resolve("events.json");
            Files.writeString(file, big.toString());
            Result first = run(server, "ingest", file.toString());
            assertThat(first.code()).as(first.stderr()).isZero();
            assertThat(first.stdout()).contains("stored 1200, skipped 0, refused 0");
            assertThat(run(server, "ingest", file.toString()).stdout()).contains("stored 0, skipped 1200");

            Path ndjson = dir.resolve("events.ndjson");
            Files.writeString(ndjson, Bodies.braindumps("nd-a-", "line one") + "\n"
                    + Bodies.braindumps("nd-b-", "line two") + "\n"
                    + Bodies.braindumps("nd-c-", " ").replace("\"text\":\" \"", "\"text\":\"\"") + "\n");
            Result mixed = run(server, "ingest", ndjson.toString());
            assertThat(mixed.code()).isEqualTo(1);
            assertThat(mixed.stdout()).contains("stored 2, skipped 0, refused 1");
            assertThat(mixed.stderr()).contains("body 3: 1 events refused (422)", "must not be blank");
            assertThat(server.file("Braindump/2024-02-18.md")).contains("line one", "line two", "big evt1199end");
        }
    }

    @Test
    void ingestReadsStandardInputAndRejectsWhatIsNotJson() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Result fromStdin = runWithInput(server, Bodies.SEED_CURL_BODY, "ingest", "-");
            assertThat(fromStdin.stdout()).contains("stored 1");
            Result notJson = runWithInput(server, "this is not json", "ingest", "-");
            assertThat(notJson.code()).isEqualTo(2);
            assertThat(notJson.stderr()).startsWith("openclone: - is not JSON");
        }
    }

    @Test
    void noteAndStatus() throws Exception {
        try (TestServer server = TestServer.start(dir, ZoneId.systemDefault(), Clock.systemUTC(), s -> s)) {
            Result note = run(server, "note", "Remember", "the", "milk");
            assertThat(note.code()).as(note.stderr()).isZero();
            String file = "Braindump/" + LocalDate.now() + ".md";
            assertThat(note.stdout().strip()).isEqualTo("Saved to " + file);
            assertThat(run(server, "note", "--journal", "A good day").stdout()).contains("Journal/");
            assertThat(server.file(file)).contains("Remember the milk", "Plugin: openclone-cli");

            Result status = run(server, "status");
            assertThat(status.code()).isZero();
            assertThat(status.stdout()).contains("ok").containsPattern("braindump\\s+1").containsPattern(
                    "journal\\s+1");
        }
    }

    @Test
    void unreachableServerIsOneClearLineAndExitCode1() throws Exception {
        Result result = runAt("http://127.0.0.1:9", "k", null, "status");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr()).startsWith("openclone: cannot reach OpenClone at http://127.0.0.1:9");
    }

    record Result(int code, String stdout, String stderr) {
    }

    private Result run(TestServer server, String... args) throws Exception {
        return runAt("http://127.0.0.1:" + server.port(), TestServer.KEY, null, args);
    }

    private Result runWithInput(TestServer server, String stdin, String... args) throws Exception {
        return runAt("http://127.0.0.1:" + server.port(), TestServer.KEY, stdin, args);
    }

    private Result runAt(String url, String key, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dopenclone.root=" + dir, "-cp", System.getProperty("java.class.path"),
                "dev.openclone.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPENCLONE_URL", url);
        builder.environment().put("API_KEY", key);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
