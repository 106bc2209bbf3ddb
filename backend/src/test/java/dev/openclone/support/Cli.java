package dev.openclone.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code openclone} command line in its own process, as a person runs it, with {@code root} as its folder. */
public final class Cli {

    private Cli() {
    }

    /** What a command did: its exit code and output. */
    public record Result(int code, String stdout, String stderr) {
        /** One line on stderr, starting as given, and no stack trace. */
        public void saysOneLine(String start) {
            assertThat(stderr.strip().lines()).as(stderr).hasSize(1);
            assertThat(stderr).as(stderr).startsWith("openclone: " + start).doesNotContain("Exception", "\tat ");
        }
    }

    /** A process builder for {@code openclone ARGS} with the test's class path. */
    public static ProcessBuilder builder(Path root, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dopenclone.root=" + root, "-cp", System.getProperty("java.class.path"),
                "dev.openclone.Main"));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Runs {@code openclone ARGS} with only {@code env} of the OpenClone settings set, stdin closed. */
    public static Result run(Path root, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = builder(root, args);
        builder.environment().remove("OPENCLONE_URL");
        builder.environment().remove("API_KEY");
        builder.environment().remove("OPENCLONE_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
