package dev.openclone.sdk;

import dev.openclone.config.Settings;
import dev.openclone.server.OpenCloneServer;
import dev.openclone.support.TestSettings;
import dev.openclone.support.VaultNotes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/examples run as documented, twice each, against a live server: every event lands in the vault once. */
class ExamplesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String KEY = "examples-key-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void curlPythonNodeAndJavaExamplesStoreTheirEventsOnce() throws Exception {
        List<List<String>> examples = examples();
        Path vault = dir.resolve("vault");
        Settings settings = TestSettings.in(dir).key(KEY).port(OpenCloneClientTest.freePort()).rateLimit(60).build();
        try (OpenCloneServer server = OpenCloneServer.start(settings, Clock.systemUTC())) {
            for (List<String> example : examples) {
                for (int run = 0; run < 2; run++) {
                    String output = run(example.subList(1, example.size()), server.port());
                    assertThat(output).as(example.get(0) + " run " + (run + 1)).doesNotContain("refused");
                }
            }
        }
        String notes = vaultText(vault);
        for (List<String> example : examples) {
            for (int n = 1; n <= 3; n++) {
                String text = "Hello from the " + example.get(0) + " example, event " + n;
                assertThat(notes.split(java.util.regex.Pattern.quote(text), -1)).as(text).hasSize(2);
            }
        }
    }

    private List<List<String>> examples() {
        List<List<String>> examples = new ArrayList<>(List.of(
                List.of("curl", "bash", "docs/examples/curl/send.sh"),
                List.of("Python", "python3", "docs/examples/python/send.py"),
                List.of("Node", "node", "docs/examples/node/send.mjs"),
                List.of("Java", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                        "docs/examples/java/SendExample.java")));
        if (onPath("go")) {
            examples.add(List.of("Go", "go", "run", "docs/examples/go/main.go"));
        }
        return examples;
    }

    @Test
    void withTheServerDownEachExampleSaysSoInSeconds() throws Exception {
        for (List<String> example : examples()) {
            ProcessBuilder builder = new ProcessBuilder(example.subList(1, example.size())).directory(ROOT.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("OPENCLONE_URL", "http://127.0.0.1:9");
            builder.environment().put("API_KEY", KEY);
            builder.environment().put("GOCACHE", dir.resolve("gocache").toString());
            long started = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(output).as(example.get(0)).contains("cannot reach OpenClone at http://127.0.0.1:9")
                    .doesNotContain("Traceback", "at async", "Exception");
            assertThat(seconds).as(example.get(0) + " gave up after %d s", seconds).isLessThan(15);
            if (!example.get(0).equals("Java")) {
                assertThat(process.exitValue()).as(example.get(0)).isNotZero();
            }
        }
    }

    private String run(List<String> command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("OPENCLONE_URL", "http://127.0.0.1:" + port);
        builder.environment().put("API_KEY", KEY);
        builder.environment().put("GOCACHE", dir.resolve("gocache").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + output).isZero();
        return output;
    }

    private static String vaultText(Path vault) throws Exception {
        return VaultNotes.text(vault);
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }
}
