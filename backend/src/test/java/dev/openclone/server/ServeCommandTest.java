package dev.openclone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: its own process, its exit code and what it prints. */
class ServeCommandTest {

    @TempDir
    Path root;

    @Test
    void badSettingStopsStartUpWithExitCode2AndOneLineOnStderr() throws Exception {
        Result result = run(List.of("serve", "--port", "not-a-port"), "API_KEY", "some-key");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr()).startsWith("openclone: OPENCLONE_PORT: 'not-a-port' is not a port number");
    }

    @Test
    void badTimezoneFromTheEnvironmentIsNamed() throws Exception {
        Result result = run(List.of("serve"), "OPENCLONE_TIMEZONE", "Nowhere/Land");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("openclone: OPENCLONE_TIMEZONE:");
    }

    @Test
    void unknownKeyInTheConfigFileStopsStartUpNamingIt() throws Exception {
        java.nio.file.Files.writeString(root.resolve("config.json"), "{\"tenants\": {\"default\": {\"exclude\": {}}}}");
        Result result = run(List.of("serve", "--config", root.resolve("config.json").toString()), "API_KEY", "k");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr()).startsWith("openclone: OPENCLONE_CONFIG: tenants.default.exclude: unknown key");
    }

    @Test
    void badConversationSettingStopsStartUpWithTheSeedMessage() throws Exception {
        java.nio.file.Files.writeString(root.resolve("config.json"),
                "{\"conversation\": {\"rolloverTime\": \"25:00\", \"recallTurns\": 2}}");
        Result result = run(List.of("serve", "--config", root.resolve("config.json").toString()), "API_KEY", "k");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr().strip()).isEqualTo("openclone: OPENCLONE_CONFIG: conversation: "
                + "openclaw-universal-capture rolloverTime must use HH:MM in 24-hour time");
    }

    @Test
    void keyCreatePrintsTheKeyAloneOnTheLastLine() throws Exception {
        Result added = run(List.of("tenant", "add", "alice", "--vault", root.resolve("alice").toString()), "X", "");
        assertThat(added.code()).as(added.stderr()).isZero();
        Result created = run(List.of("key", "create", "--tenant", "alice", "--name", "phone", "--source-types",
                "audio_mic,journal"), "X", "");
        assertThat(created.code()).as(created.stderr()).isZero();
        List<String> lines = created.stdout().strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("oc_[A-Za-z0-9_-]{43}");
        Result listed = run(List.of("key", "list", "--tenant", "alice"), "X", "");
        assertThat(listed.stdout()).contains("phone", "audio_mic,journal").doesNotContain(lines.get(lines.size() - 1));
        assertThat(root.resolve("backend/.env")).as("admin commands generate no server key").doesNotExist();
    }

    @Test
    void helpListsEverySetting() throws Exception {
        Result result = run(List.of("serve", "--help"), "API_KEY", "k");
        assertThat(result.code()).isZero();
        assertThat(result.stdout()).contains("--host", "--port", "--vault", "--home", "--plugins", "--timezone",
                "--config", "--rate-limit", "backend/.env");
    }

    record Result(int code, String stdout, String stderr) {
    }

    private Result run(List<String> args, String envName, String envValue) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dopenclone.root=" + root,
                "-cp", System.getProperty("java.class.path"), "dev.openclone.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OPENCLONE_") || k.equals("API_KEY"));
        builder.environment().put(envName, envValue);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
