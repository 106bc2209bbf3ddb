package dev.openclone.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The capture agent as its own process ({@code dev.openclone.agent.Main}, on the tests' class path, which holds the
 * agent and the Linux Screen plugin), on a given X display, its output in files.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private AgentProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static AgentProcess start(Path dir, String display, String... args) throws IOException {
        return start(dir, display == null ? Map.of() : Map.of("DISPLAY", display), args);
    }

    /** The agent with {@code session} in its environment (DISPLAY, or a Wayland session's variables). */
    public static AgentProcess start(Path dir, Map<String, String> session, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.openclone.agent.Main"));
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Path out = Files.createTempFile(dir, "agent", ".out");
        Path err = Files.createTempFile(dir, "agent", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.remove("OPENCLONE_AGENT_CONFIG");
        for (String variable : List.of("DISPLAY", "WAYLAND_DISPLAY", "SWAYSOCK", "XDG_CURRENT_DESKTOP")) {
            env.remove(variable);
        }
        env.putAll(session);
        return new AgentProcess(builder.start(), out, err);
    }

    /** Runs the agent with {@code args} to its end (at most {@code wait}); returns its exit code. */
    public static Result run(Path dir, String display, Duration wait, String... args) throws Exception {
        return run(dir, display == null ? Map.of() : Map.of("DISPLAY", display), wait, args);
    }

    /** Runs the agent with {@code session} in its environment to its end (at most {@code wait}). */
    public static Result run(Path dir, Map<String, String> session, Duration wait, String... args) throws Exception {
        try (AgentProcess agent = start(dir, session, args)) {
            if (!agent.process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the agent did not end within " + wait.toSeconds() + " s: " + agent.stderr());
            }
            return new Result(agent.process.exitValue(), agent.stdout(), agent.stderr());
        }
    }

    /** How a run ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops it as systemd would (SIGTERM) and returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
