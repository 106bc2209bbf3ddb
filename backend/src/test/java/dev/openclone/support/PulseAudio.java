package dev.openclone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PulseAudio server of the test's own (its socket in a temp runtime folder), with a null sink as the default: what
 * is played into it can be recorded from its monitor, no sound card needed. {@link #env()} points a process at it.
 */
public final class PulseAudio implements AutoCloseable {

    private final Process server;
    private final Path runtime;

    private PulseAudio(Process server, Path runtime) {
        this.server = server;
        this.runtime = runtime;
    }

    public static PulseAudio start(Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("pulse-runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--disallow-exit", "--log-target=stderr", "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=openclone_test sink_properties=device.description=Test")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pulseaudio.log").toFile());
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        builder.environment().put("HOME", dir.toString());
        PulseAudio pulse = new PulseAudio(builder.start(), runtime);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pulse.run("pactl", "info") != 0) {
            if (System.nanoTime() > deadline || !pulse.server.isAlive()) {
                pulse.close();
                throw new AssertionError("PulseAudio did not start: " + Files.readString(dir.resolve("pulseaudio.log")));
            }
            Thread.sleep(100);
        }
        pulse.run("pactl", "set-default-sink", "openclone_test");
        return pulse;
    }

    /** The environment a client needs to reach this server. */
    public Map<String, String> env() {
        return Map.of("XDG_RUNTIME_DIR", runtime.toString(), "PULSE_SERVER", "unix:" + runtime.resolve("pulse")
                .resolve("native"));
    }

    /** Plays a WAV file into the null sink as application {@code app}, to its end. */
    public void play(Path wav, String app) throws Exception {
        List<String> command = new ArrayList<>(List.of("paplay", "--property=application.name=" + app,
                wav.toString()));
        if (run(command.toArray(String[]::new)) != 0) {
            throw new AssertionError("paplay failed for " + wav);
        }
    }

    public int run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
