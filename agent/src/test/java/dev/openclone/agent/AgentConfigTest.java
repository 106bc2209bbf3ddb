package dev.openclone.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aGoodConfigIsReadWithTheKeyFromItsFile() throws Exception {
        Files.writeString(dir.resolve("agent.key"), "API_KEY=oc_secret\n");
        Path file = write("{\"server_url\": \"http://127.0.0.1:8000/\", \"api_key_file\": \"agent.key\", "
                + "\"device_id\": \"laptop\", \"state_dir\": \"state\", \"exclude\": {\"apps\": [\"Signal\"]}, "
                + "\"plugins\": {\"openclone-linux-screen\": {\"interval_seconds\": 10}}}");
        AgentConfig config = AgentConfig.load(file);
        assertThat(config.serverUrl().toString()).isEqualTo("http://127.0.0.1:8000");
        assertThat(config.apiKey()).isEqualTo("oc_secret");
        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.exclude().reason("signal", "Chat", null)).contains("app");
        assertThat(config.plugins()).containsKey("openclone-linux-screen");
    }

    @Test
    void everyProblemIsNamedOnItsOwnLine() throws Exception {
        Path file = write("{\"server_url\": \"ftp://x\", \"device_id\": \"a b\", \"colour\": 1, "
                + "\"exclude\": {\"apps\": [\"re:(\"], \"windows\": []}, \"plugins\": []}");
        assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOf(AgentConfig.ConfigException.class)
                .hasMessageContaining("colour: not a setting of the agent")
                .hasMessageContaining("server_url: should be an http:// or https:// address")
                .hasMessageContaining("api_key_file: required")
                .hasMessageContaining("device_id: letters, digits")
                .hasMessageContaining("exclude.apps: re:(: invalid regular expression")
                .hasMessageContaining("exclude.windows: not a kind of exclusion")
                .hasMessageContaining("plugins: should be an object");
        assertThatThrownBy(() -> AgentConfig.load(dir.resolve("missing.json")))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> AgentConfig.load(write("{not json")))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aPluginsSettingsAreCheckedAgainstItsSchemaWithDefaultsFilledIn() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree("{\"openclone.enabled\": {\"type\": \"boolean\", "
                + "\"default\": true}, \"interval_seconds\": {\"type\": \"integer\", \"default\": 30}, "
                + "\"ocr_languages\": {\"type\": \"string\", \"default\": \"eng\"}}");
        PluginManifest manifest = new PluginManifest("openclone-linux-screen", "0.1.0", schema);
        List<String> errors = new ArrayList<>();
        PluginSettings settings = manifest.settings(JSON.readTree("{\"interval_seconds\": 5}"), errors);
        assertThat(errors).isEmpty();
        assertThat(settings.integer("interval_seconds")).isEqualTo(5);
        assertThat(settings.text("ocr_languages")).isEqualTo("eng");
        assertThat(settings.bool(PluginManifest.ENABLED)).isTrue();

        manifest.settings(JSON.readTree("{\"interval_seconds\": \"often\", \"colour\": 1}"), errors);
        assertThat(errors).containsExactly("openclone-linux-screen.interval_seconds: should be integer",
                "openclone-linux-screen.colour: not a setting of this plugin (its settings: openclone.enabled, "
                        + "interval_seconds, ocr_languages)");
    }

    @Test
    void enablingWritesTheConfigOwnerOnly() throws Exception {
        Path file = dir.resolve("new").resolve("agent.json");
        AgentConfig.setEnabled(file, "openclone-linux-screen", true);
        assertThat(JSON.readTree(file.toFile()).at("/plugins/openclone-linux-screen/openclone.enabled").asBoolean())
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AgentConfig.setEnabled(file, "openclone-linux-screen", false);
        assertThat(JSON.readTree(file.toFile()).at("/plugins/openclone-linux-screen/openclone.enabled").asBoolean())
                .isFalse();
    }

    @Test
    void privateWindowsAndPasswordPromptsAreNeverCaptured() {
        CaptureExclusions none = CaptureExclusions.NONE;
        assertThat(none.reason("firefox", "Mozilla Firefox Private Browsing", null)).contains("private");
        assertThat(none.reason("Google-chrome", "New Incognito Tab", null)).contains("private");
        assertThat(none.reason("Pinentry", "Enter password for key", null)).contains("private");
        assertThat(none.reason("KeePassXC", "Passwords.kdbx", null)).contains("private");
        assertThat(none.reason("Notes", "Meeting notes", null)).isEmpty();
        assertThat(none.reason("Notes", "Passport renewal", null)).isEmpty();
    }

    @Test
    void aPauseEndsAtItsTimeOrOnResume() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
        PauseControl pause = new PauseControl(dir, clock);
        assertThat(pause.pausedUntil()).isEmpty();
        pause.pause(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(pause.pausedUntil()).contains(Instant.parse("2026-12-02T10:30:00Z"));
        pause.pause(clock.instant().minusSeconds(1));
        assertThat(pause.pausedUntil()).isEmpty();
        pause.pause(null);
        assertThat(pause.pausedUntil()).contains(Instant.MAX);
        pause.resume();
        assertThat(pause.pausedUntil()).isEmpty();
        assertThat(AgentCommand.Pause.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AgentCommand.Pause.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> AgentCommand.Pause.parse("soon")).hasMessageContaining("write 90s, 30m, 2h or 1d");
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "agent", ".json");
        Files.writeString(file, json);
        return file;
    }
}
