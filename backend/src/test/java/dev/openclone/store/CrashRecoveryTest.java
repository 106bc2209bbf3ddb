package dev.openclone.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.index.IndexReader;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL while clients ingest, again and again on the same vault, then checks
 * the promise of SPEC §4: every acknowledged event is in the vault exactly once, an unacknowledged one at most
 * once (and exactly once after its retry), no entry is torn, and the index agrees with the vault.
 */
class CrashRecoveryTest {

    static final int ROUNDS = 4;
    static final int CLIENTS = 4;
    static final int EVENTS_PER_BATCH = 40;
    static final String KEY = "crash-test-key-0123456789";
    static final Pattern ENTRY = Pattern.compile(
            "\n### \\d\\d:\\d\\d\nDevice: crashdev · Plugin: crash-test\n\ncrash evt(\\d+)end " + "x{120}\n\n---\n");

    @TempDir
    Path dir;

    @Test
    void sigkillDuringIngestLosesNoAcknowledgedEventDuplicatesNoneAndTearsNone() throws Exception {
        Path vault = dir.resolve("vault");
        Map<Integer, String> unacknowledged = new ConcurrentHashMap<>(); // first event id of a batch -> body
        Map<Integer, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger nextId = new AtomicInteger();
        Random random = new Random(20261121);

        for (int round = 0; round < ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(dir, vault);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread client = new Thread(() -> {
                    Http http = new Http(server.url());
                    while (running.get()) {
                        int first = nextId.getAndAdd(EVENTS_PER_BATCH);
                        String body = batch(first);
                        unacknowledged.put(first, body);
                        try {
                            Http.Response response = http.ingest(body, KEY);
                            if (response.status() == 200) {
                                unacknowledged.remove(first);
                                acknowledged.put(first, true);
                            }
                        } catch (IOException | InterruptedException killed) {
                            return;
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            Thread.sleep(300 + random.nextInt(1200));
            server.kill();
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
        }
        assertThat(acknowledged).as("batches acknowledged before the kills").hasSizeGreaterThan(ROUNDS);

        // A random kill rarely lands between the index commit and the file write, the instant the redo log is
        // for; this round halts the server exactly there (on its 3rd group), so the next start must redo it.
        ServerProcess halting = ServerProcess.start(dir, vault, "-Dopenclone.test.haltAfterCommits=3");
        Http haltingHttp = new Http(halting.url());
        for (int batch = 0; batch < 3; batch++) {
            int first = nextId.getAndAdd(EVENTS_PER_BATCH);
            String body = batch(first);
            try {
                if (haltingHttp.ingest(body, KEY).status() == 200) {
                    acknowledged.put(first, true);
                    continue;
                }
            } catch (IOException halted) {
                // the third batch: committed to the index, never answered
            }
            unacknowledged.put(first, body);
        }
        assertThat(halting.process().waitFor(30, TimeUnit.SECONDS)).as("halted after its third commit").isTrue();

        // After the last crash: start once more, check, then retry every unacknowledged batch as a plugin would.
        ServerProcess server = ServerProcess.start(dir, vault);
        try {
            Map<Integer, Integer> counts = entries(vault);
            for (int first : acknowledged.keySet()) {
                for (int id = first; id < first + EVENTS_PER_BATCH; id++) {
                    assertThat(counts.get(id)).as("acknowledged event %d", id).isEqualTo(1);
                }
            }
            assertThat(counts.values()).as("no event twice").allMatch(n -> n == 1);

            Http http = new Http(server.url());
            for (String body : unacknowledged.values()) {
                assertThat(http.ingest(body, KEY).status()).isEqualTo(200);
            }
        } finally {
            server.stop();
        }
        Map<Integer, Integer> counts = entries(vault);
        int sent = (acknowledged.size() + unacknowledged.size()) * EVENTS_PER_BATCH;
        assertThat(counts).as("every sent event once, after the retries").hasSize(sent);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(indexRows(vault)).isEqualTo(sent);
        long repairs = Files.readAllLines(dir.resolve("server.log")).stream()
                .filter(line -> line.contains("Recovery completed")).count();
        assertThat(repairs).as("start-ups that completed committed writes (the redo path ran)").isPositive();
        System.out.printf("crash test: %d rounds, %d batches acknowledged, %d retried, %d start-up repairs%n", ROUNDS,
                acknowledged.size(), unacknowledged.size(), repairs);
    }

    static String batch(int first) {
        ObjectNode batch = Bodies.batch("braindump");
        batch.put("device_id", "crashdev");
        batch.put("plugin_id", "crash-test");
        for (int id = first; id < first + EVENTS_PER_BATCH; id++) {
            Bodies.event(batch, Bodies.SEED_TIME + id, "evt-" + id).put("text", "crash evt" + id + "end " + "x".repeat(120));
        }
        return batch.toString();
    }

    /**
     * Parses every daily file strictly: its header, then nothing but whole entries. Returns how often each
     * event id occurs. A torn or foreign byte anywhere fails the test.
     */
    static Map<Integer, Integer> entries(Path vault) throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        try (Stream<Path> files = Files.walk(vault.resolve("Braindump"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                String day = file.getFileName().toString().replace(".md", "");
                String text = Files.readString(file);
                String header = "---\ntitle: Braindump " + day + "\ntype: Braindump\npermalink: braindump/" + day
                        + "\ndate: " + day + "\n---\n\n# Braindump " + day + "\n";
                assertThat(text).as(file.toString()).startsWith(header);
                Matcher m = ENTRY.matcher(text);
                int position = header.length();
                while (m.find(position) && m.start() == position) {
                    counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                    position = m.end();
                }
                assertThat(position).as("torn or foreign text in %s at %d: %s", file, position,
                        text.substring(position, Math.min(text.length(), position + 80))).isEqualTo(text.length());
            }
        }
        return counts;
    }

    /** The index rows of the crash test's events, as the timeline reads them. */
    static int indexRows(Path vault) throws Exception {
        List<String> files;
        try (Stream<Path> days = Files.list(vault.resolve("Braindump"))) {
            files = days.map(day -> "Braindump/" + day.getFileName()).toList();
        }
        return new IndexReader(vault).eventsInFiles(files, "braindump", Integer.MAX_VALUE).size();
    }

    /** The server as its own JVM, started the way the launcher does, so SIGKILL kills it for real. */
    record ServerProcess(Process process, int port) {

        static ServerProcess start(Path dir, Path vault, String... jvmOptions) throws Exception {
            return start(dir, vault, List.of(jvmOptions), List.of());
        }

        /** @param serveArgs more arguments of {@code serve}, such as {@code --config FILE} */
        static ServerProcess start(Path dir, Path vault, List<String> jvmOptions, List<String> serveArgs)
                throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dopenclone.root=" + dir));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.openclone.Main", "serve",
                    "--port", Integer.toString(port), "--vault", vault.toString(), "--rate-limit", "0",
                    "--timezone", "UTC"));
            command.addAll(serveArgs);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("API_KEY", KEY);
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, port);
            server.awaitHealthy();
            return server;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void awaitHealthy() throws Exception {
            Http http = new Http(url());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("server exited; see server.log").isTrue();
                try {
                    if (http.get("/api/v1/health").status() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("server not healthy within 30 s");
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** SIGTERM: a clean stop. */
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
