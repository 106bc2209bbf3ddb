package dev.openclone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Cli.Result;
import dev.openclone.support.Cli;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's failure modes as a person meets them, each in its own process: one line on stderr that says
 * what to do, never a stack trace, and the exit code its {@code --help} promises.
 */
class CliProcessTest {

    @TempDir
    Path dir;

    @Test
    void clientCommandsWithTheServerDownSayOneLineAndExit1() throws Exception {
        for (List<String> command : List.of(List.of("note", "x"), List.of("status"))) {
            Result result = run(Map.of("OPENCLONE_URL", "http://127.0.0.1:9", "API_KEY", "k"), command);
            assertThat(result.code()).as(command + ": " + result.stderr()).isEqualTo(1);
            result.saysOneLine("cannot reach OpenClone at http://127.0.0.1:9");
        }
    }

    @Test
    void badInputIsExit2WithOneLine() throws Exception {
        Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:9", "API_KEY", "k");
        Result missing = run(env, List.of("ingest", dir.resolve("missing.json").toString()));
        assertThat(missing.code()).isEqualTo(2);
        missing.saysOneLine("no such file: ");
        Result folder = run(env, List.of("ingest", dir.toString()));
        assertThat(folder.code()).isEqualTo(2);
        folder.saysOneLine(dir + " is a folder");
        Result empty = run(env, List.of("note", ""));
        assertThat(empty.code()).isEqualTo(2);
        empty.saysOneLine("the note is empty");
        Result noFolder = run(Map.of(), List.of("plugin", "check", "/nonexistent"));
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.stdout().strip()).isEqualTo("/nonexistent: not a folder");
        Result noKey = run(Map.of("OPENCLONE_URL", "http://127.0.0.1:9"), List.of("status"));
        assertThat(noKey.code()).isEqualTo(2);
        noKey.saysOneLine("no API key");
    }

    @Test
    void aRefusedNoteSaysWhyInWords() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Result refused = run(Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY", "wrong"),
                    List.of("note", "hello"));
            assertThat(refused.code()).isEqualTo(1);
            refused.saysOneLine("the note was refused (401): Invalid or missing X-API-Key");
        }
    }

    @Test
    void serveRecordsWhereItListensClientsFindItAndCtrlCExitsZero() throws Exception {
        Path home = dir.resolve("home");
        ProcessBuilder builder = java(List.of("serve", "--port", "0", "--vault", dir.resolve("vault").toString(),
                "--home", home.toString(), "--timezone", "UTC"));
        builder.environment().put("API_KEY", TestServer.KEY);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        Process serve = builder.start();
        try {
            Path recorded = home.resolve("server.json");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(recorded) && System.nanoTime() < deadline && serve.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(recorded).as(Files.readString(dir.resolve("serve.log"))).exists();
            JsonNode address = Bodies.JSON.readTree(recorded.toFile());
            assertThat(address.get("url").asText()).startsWith("http://127.0.0.1:");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recorded))).isEqualTo("rw-------");

            // No OPENCLONE_URL: status finds the server on its random port through the record.
            Result status = run(Map.of("API_KEY", TestServer.KEY, "OPENCLONE_HOME", home.toString()),
                    List.of("status"));
            assertThat(status.code()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains(address.get("url").asText(), ": ok");

            new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start().waitFor();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as("Ctrl-C is a normal stop").isZero();
            assertThat(recorded).as("the record goes with the server").doesNotExist();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void ingestCoalescesSmallBodiesAndSaysWhenItWaitsForTheRateLimit() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.rateLimit(2).rateWindow(Duration.ofSeconds(2)))) {
            StringBuilder sameHeader = new StringBuilder();
            for (int i = 0; i < 70; i++) {
                sameHeader.append(Bodies.braindumps("small-" + i + "-", "small body " + i)).append('\n');
            }
            Path small = dir.resolve("small.ndjson");
            Files.writeString(small, sameHeader);
            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY",
                    TestServer.KEY);
            Result coalesced = run(env, List.of("ingest", small.toString()));
            assertThat(coalesced.code()).as(coalesced.stderr()).isZero();
            assertThat(coalesced.stdout()).contains("stored 70, skipped 0, refused 0");
            assertThat(coalesced.stderr()).as("70 bodies, one request: no wait").doesNotContain("waiting");

            StringBuilder plugins = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                ObjectNode body = (ObjectNode) Bodies.JSON.readTree(Bodies.braindumps("p" + i + "-", "from " + i));
                body.put("plugin_id", "plugin-" + i);
                plugins.append(body).append('\n');
            }
            Path many = dir.resolve("many.ndjson");
            Files.writeString(many, plugins);
            Result waited = run(env, List.of("ingest", many.toString()));
            assertThat(waited.code()).as(waited.stderr()).isZero();
            assertThat(waited.stdout()).contains("stored 4");
            assertThat(waited.stderr()).contains("waiting", "rate limit");
        }
    }

    @Test
    void keysAreRotatedAndTheDefaultKeyIsListed() throws Exception {
        try (TestServer server = TestServer.start(dir);
                TenantRegistry registry = TestServer.registry(dir)) {
            String old = registry.createKey("default", "phone", Set.of(SourceType.BRAINDUMP), false).key();
            server.awaitKey(old);
            Map<String, String> admin = Map.of("OPENCLONE_HOME", dir.resolve("home").toString(), "API_KEY",
                    TestServer.KEY);
            Result rotated = run(admin, List.of("key", "rotate", "--tenant", "default", "--name", "phone"));
            assertThat(rotated.code()).as(rotated.stderr()).isZero();
            String fresh = rotated.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(fresh).startsWith("oc_").isNotEqualTo(old);
            server.awaitKey(fresh);
            assertThat(server.http().ingest(Bodies.braindumps("r-", "with the new key"), fresh).status())
                    .isEqualTo(200);
            assertThat(server.http().ingest(Bodies.braindumps("o-", "with the old key"), old).status())
                    .isEqualTo(401);
            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY.replace("braindump", "journal"), fresh).status())
                    .as("the same scope").isEqualTo(403);

            Result list = run(admin, List.of("key", "list"));
            assertThat(list.stdout()).containsPattern("default\\s+API_KEY\\s+yes").contains("phone")
                    .doesNotContain(fresh, TestServer.KEY);
        }

        Path env = dir.resolve("backend/.env");
        Files.createDirectories(env.getParent());
        Files.writeString(env, "# mine\nOPENCLONE_PORT=8123\nAPI_KEY=oc_old\n");
        Result rotatedDefault = run(Map.of("OPENCLONE_HOME", dir.resolve("home").toString()),
                List.of("key", "rotate", "--default"));
        assertThat(rotatedDefault.code()).as(rotatedDefault.stderr()).isZero();
        String newDefault = rotatedDefault.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(Files.readString(env)).isEqualTo("# mine\nOPENCLONE_PORT=8123\nAPI_KEY=" + newDefault + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        Result fromEnv = run(Map.of("API_KEY", "set-here"), List.of("key", "rotate", "--default"));
        assertThat(fromEnv.code()).isEqualTo(1);
        fromEnv.saysOneLine("API_KEY comes from the environment");
    }

    @Test
    void installServiceWritesAUnitThatRunsServeFromThisFolder() throws Exception {
        Result printed = run(Map.of(), List.of("install-service", "--print"));
        assertThat(printed.code()).isZero();
        assertThat(printed.stdout()).contains("ExecStart=" + dir.resolve("openclone") + " serve",
                "WorkingDirectory=" + dir, "Restart=on-failure", "WantedBy=default.target");
        Result written = run(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()), List.of("install-service"));
        assertThat(written.code()).as(written.stderr()).isZero();
        assertThat(dir.resolve("config/systemd/user/openclone.service")).hasContent(printed.stdout().stripTrailing());
        assertThat(written.stdout()).contains("systemctl --user daemon-reload && systemctl --user enable --now "
                + "openclone");
    }

    private ProcessBuilder java(List<String> args) {
        return Cli.builder(dir, args);
    }

    private Result run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        return Cli.run(dir, env, args);
    }
}
