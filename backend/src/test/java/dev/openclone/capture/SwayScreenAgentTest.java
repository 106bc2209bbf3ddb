package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.SwaySession;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linux Screen on Wayland: sway on its headless backend, a foot terminal, grim, Tesseract, a real server. */
class SwayScreenAgentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void onSwayTheFocusedWindowsTextArrivesWithItsAppAndTitle() throws Exception {
        try (SwaySession sway = SwaySession.start();
                TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s)) {
            sway.window("Notes", "field notes", "Heron nesting survey on the east bank\n"
                    + "fourteen nests counted this morning\n");
            AgentProcess.Result run = AgentProcess.run(dir, sway.environment(), Duration.ofSeconds(90), "--config",
                    config(server).toString(), "--once");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(server.file("Screen/" + LocalDate.now(ZoneOffset.UTC) + ".md"))
                    .contains("Heron nesting survey on the east bank", "fourteen nests counted", "Notes",
                            "field notes");
        }
    }

    @Test
    void aWaylandSessionOtherThanSwayIsSaidToBeUnsupported() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s)) {
            AgentProcess.Result run = AgentProcess.run(dir, Map.of("WAYLAND_DISPLAY", "wayland-0",
                    "XDG_CURRENT_DESKTOP", "GNOME"), Duration.ofSeconds(60), "--config", config(server).toString(),
                    "--once");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("openclone-linux-screen: this Wayland session (GNOME) is not supported "
                    + "yet: only sway is");
        }
    }

    private Path config(TestServer server) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("server_url", "http://127.0.0.1:" + server.port());
        root.put("api_key", TestServer.KEY);
        root.put("state_dir", dir.resolve("state").toString());
        root.putObject("plugins").putObject("openclone-linux-screen");
        Path file = dir.resolve("agent.json");
        Files.writeString(file, root.toString());
        return file;
    }
}
