package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.privacy.Exclusions;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.TextPattern;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import dev.openclone.support.XDisplay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture agent and the Linux Screen plugin end to end: a real X server (Xvfb) with openbox and xterm windows
 * showing known text, the agent as its own process, Tesseract reading the windows, a real OpenClone server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinuxScreenAgentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    XDisplay display;

    @BeforeAll
    void startDisplay() throws Exception {
        display = XDisplay.start(dir.resolve("x"));
    }

    @AfterEach
    void closeWindows() throws Exception {
        display.closeWindows();
    }

    @AfterAll
    void stopDisplay() throws Exception {
        if (display != null) {
            display.close();
        }
    }

    @Test
    void theActiveWindowsTextArrivesInTheScreenFileWithItsAppAndTitle() throws Exception {
        Path here = Files.createTempDirectory(dir, "arrives");
        try (TestServer server = server(here, s -> s)) {
            display.window("Notes", "Meeting notes", """
                    Quarterly roadmap review
                    The walrus migration plan moves the colony data before Q3.
                    Action items: budget sign-off by Friday, hire two engineers.
                    """);
            Path config = config(here, server, 30, null);
            AgentProcess.Result run = AgentProcess.run(here, display.name(), RUN, "--config", config.toString(),
                    "--once");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            String day = server.file("Screen/" + LocalDate.now(ZoneOffset.UTC) + ".md");
            assertThat(day).contains("walrus migration plan moves the colony data", "budget sign-off by Friday",
                    "Notes", "Meeting notes");
            assertThat(run.stderr()).doesNotContain("walrus").doesNotContain("Meeting notes");
            JsonNode status = status(here);
            assertThat(status.at("/plugins/0/captured").asLong()).isEqualTo(1);
            assertThat(status.at("/plugins/0/sent").asLong()).isEqualTo(1);
            assertThat(status.at("/plugins/0/counters/ocr_runs").asLong()).isEqualTo(1);
        }
    }

    @Test
    void anUnchangedWindowIsReadOnceAndStatusPauseAndResumeWork() throws Exception {
        Path here = Files.createTempDirectory(dir, "unchanged");
        try (TestServer server = server(here, s -> s)) {
            display.window("Editor", "draft.txt", "Heron nesting survey: fourteen nests counted on the east bank.\n");
            Path config = config(here, server, 1, null);
            try (AgentProcess agent = AgentProcess.start(here, display.name(), "--config", config.toString())) {
                awaitCounter(here, "unchanged", 3);
                JsonNode status = status(here);
                assertThat(status.at("/plugins/0/counters/ocr_runs").asLong()).as(status.toString()).isEqualTo(1);
                assertThat(status.at("/plugins/0/captured").asLong()).isEqualTo(1);

                AgentProcess.Result shown = AgentProcess.run(here, display.name(), RUN, "status", "--config",
                        config.toString());
                assertThat(shown.exitCode()).as(shown.stdout() + shown.stderr()).isZero();
                assertThat(shown.stdout()).contains("Running (pid", "openclone-linux-screen: capturing",
                        "captured 1");

                assertThat(AgentProcess.run(here, display.name(), RUN, "pause", "--config", config.toString())
                        .exitCode()).isZero();
                awaitState(here, "paused");
                display.window("Journal", "Tuesday", "Otters were playing near the old mill this morning.\n");
                Thread.sleep(2_500);
                assertThat(server.file("Screen/" + LocalDate.now(ZoneOffset.UTC) + ".md")).doesNotContain("Otters");
                assertThat(AgentProcess.run(here, display.name(), RUN, "status", "--config", config.toString())
                        .stdout()).contains("Paused until resumed", "openclone-linux-screen: paused");

                assertThat(AgentProcess.run(here, display.name(), RUN, "resume", "--config", config.toString())
                        .exitCode()).isZero();
                awaitText(server, "Otters were playing near the old mill");
                // SIGTERM, as systemd stops it: a clean stop, then the JVM's 143 for "ended by SIGTERM".
                assertThat(agent.stop()).isEqualTo(143);
                assertThat(status(here).get("running").asBoolean()).isFalse();
                assertThat(agent.stderr()).doesNotContain("Otters").doesNotContain("Heron");
            }
            AgentProcess.Result after = AgentProcess.run(here, display.name(), RUN, "status", "--config",
                    config.toString());
            assertThat(after.exitCode()).isEqualTo(3);
            assertThat(after.stdout()).contains("Not running");
            assertThat(count(server, "Heron nesting survey")).isEqualTo(1);
        }
    }

    @Test
    void anExcludedAppLeavesNoByteOnTheServerInTheSpoolOrInTheLogs() throws Exception {
        Path here = Files.createTempDirectory(dir, "excluded");
        TenantPolicy policy = new TenantPolicy(true, new Exclusions(List.of(TextPattern.parse("Signal")), List.of(),
                List.of(), List.of()), Set.of());
        try (TestServer server = server(here, s -> s.policies(Map.of("default", policy)))) {
            display.window("Signal", "Signal - Ann", "zebra-7731 the locker code is under the blue mat\n");
            Path config = config(here, server, 30, null);
            AgentProcess.Result run = AgentProcess.run(here, display.name(), RUN, "--config", config.toString(),
                    "--once");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(status(here).at("/plugins/0/counters/excluded").asLong()).isEqualTo(1);
            assertThat(status(here).at("/plugins/0/counters/ocr_runs").asLong()).isZero();

            // A title this machine excludes, and a password prompt: left out too.
            display.window("Notes", "payroll 2026", "zebra-7731 salaries sheet\n");
            Path local = config(here, server, 30, List.of("*payroll*"));
            assertThat(AgentProcess.run(here, display.name(), RUN, "--config", local.toString(), "--once")
                    .exitCode()).isZero();
            display.window("Pinentry", "Enter password for key", "zebra-7731 passphrase prompt\n");
            assertThat(AgentProcess.run(here, display.name(), RUN, "--config", local.toString(), "--once")
                    .exitCode()).isZero();

            assertThat(everyByte(server.vault())).doesNotContain("zebra").doesNotContain("locker code");
            assertThat(everyByte(here.resolve("state"))).doesNotContain("zebra").doesNotContain("Signal - Ann");
            assertThat(run.stdout() + run.stderr()).doesNotContain("zebra").doesNotContain("Signal - Ann");
        }
    }

    @Test
    void withTheServerDownTheTextIsSpooledAndDeliveredOnceItReturns() throws Exception {
        Path here = Files.createTempDirectory(dir, "down");
        int port;
        Path config;
        try (TestServer server = server(here, s -> s)) {
            port = server.port();
            config = config(here, server, 1, null);
            display.window("Editor", "first.txt", "Kingfisher seen by the weir.\n");
        }
        try (AgentProcess agent = AgentProcess.start(here, display.name(), "--config", config.toString())) {
            // It never reached the server: it waits, capturing nothing, until the tenant's exclusions are known.
            awaitState(here, "waiting");
            try (TestServer server = server(here, s -> s.port(port))) {
                awaitText(server, "Kingfisher seen by the weir");
            }
            // Down again: now the exclusions are known (kept in the state folder), so capture goes on to the spool.
            display.window("Editor", "second.txt", "Lapwings returned to the wet meadow today.\n");
            awaitCounter(here, "ocr_runs", 2);
            Thread.sleep(1_500);
            assertThat(status(here).at("/plugins/0/queued").asLong()).isEqualTo(1);
            try (TestServer server = server(here, s -> s.port(port))) {
                awaitText(server, "Lapwings returned to the wet meadow");
                Thread.sleep(2_000);
                assertThat(count(server, "Lapwings returned")).isEqualTo(1);
                assertThat(count(server, "Kingfisher seen")).isEqualTo(1);
            }
            assertThat(agent.stop()).isEqualTo(143);
        }
    }

    @Test
    void aMissingTesseractIsOneClearLine() throws Exception {
        Path here = Files.createTempDirectory(dir, "tesseract");
        try (TestServer server = server(here, s -> s)) {
            Path config = config(here, server, 30, null);
            ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
            ((ObjectNode) root.at("/plugins/openclone-linux-screen")).put("tesseract_command",
                    here.resolve("no-such-tesseract").toString());
            Files.writeString(config, root.toString());
            AgentProcess.Result run = AgentProcess.run(here, display.name(), RUN, "--config", config.toString(),
                    "--once");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().lines().filter(l -> l.contains("tesseract"))).containsExactly(
                    "openclone-linux-screen: tesseract is not installed (" + here.resolve("no-such-tesseract")
                            + " was not found): sudo apt-get install tesseract-ocr tesseract-ocr-eng "
                            + "tesseract-ocr-jpn");
        }
    }

    @Test
    void withoutADisplayTheAgentSaysWhatToDo() throws Exception {
        Path here = Files.createTempDirectory(dir, "nodisplay");
        try (TestServer server = server(here, s -> s)) {
            AgentProcess.Result run = AgentProcess.run(here, Map.<String, String>of(), RUN, "--config",
                    config(here, server, 30, null).toString(), "--once");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("openclone-linux-screen: no X display: DISPLAY is not set");
        }
    }

    @Test
    void aRefusedKeyIsSaidSo() throws Exception {
        Path here = Files.createTempDirectory(dir, "refused");
        try (TestServer server = server(here, s -> s)) {
            Path config = config(here, server, 30, null);
            ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
            root.put("api_key", "oc_not-the-key");
            Files.writeString(config, root.toString());
            AgentProcess.Result run = AgentProcess.run(here, display.name(), RUN, "--config", config.toString(),
                    "--once");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("the server refused the key (401): check api_key_file");
        }
    }

    private static TestServer server(Path here, UnaryOperator<dev.openclone.support.TestSettings> adjust)
            throws Exception {
        return TestServer.start(here, TestServer.UTC, java.time.Clock.systemUTC(), adjust);
    }

    /** An agent config for {@code server}: the Linux Screen plugin every {@code interval} seconds. */
    private static Path config(Path here, TestServer server, int interval, List<String> excludedTitles)
            throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("server_url", "http://127.0.0.1:" + server.port());
        Path key = here.resolve("agent.key");
        Files.writeString(key, TestServer.KEY + "\n");
        root.put("api_key_file", key.toString());
        root.put("device_id", "test-desktop");
        root.put("state_dir", here.resolve("state").toString());
        if (excludedTitles != null) {
            excludedTitles.forEach(root.putObject("exclude").putArray("window_titles")::add);
        }
        root.putObject("plugins").putObject("openclone-linux-screen").put("interval_seconds", interval);
        Path file = here.resolve(excludedTitles == null ? "agent.json" : "agent-local.json");
        Files.writeString(file, root.toString());
        return file;
    }

    private static JsonNode status(Path here) throws Exception {
        return JSON.readTree(here.resolve("state").resolve("status.json").toFile());
    }

    private static void awaitCounter(Path here, String counter, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(here.resolve("state/status.json"))
                    && status(here).at("/plugins/0/counters/" + counter).asLong() >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(counter + " never reached " + atLeast + ": " + status(here));
    }

    private static void awaitState(Path here, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(here.resolve("state/status.json"))
                    && state.equals(status(here).at("/plugins/0/state").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the plugin never was " + state + ": " + status(here));
    }

    private static void awaitText(TestServer server, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (VaultNotes.text(server.vault()).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never arrived: " + text);
    }

    private static long count(TestServer server, String text) throws Exception {
        String all = VaultNotes.text(server.vault());
        return all.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    private static String everyByte(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        if (!Files.exists(root)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
