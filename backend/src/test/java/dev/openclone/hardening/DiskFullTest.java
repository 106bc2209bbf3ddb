package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault on a small tmpfs that fills up: ingest answers 500 while the disk is full, and once space is back it
 * stores again by itself, without a restart, each event exactly once. Needs root to mount the tmpfs (CI runs as
 * root); elsewhere it is skipped with a message saying so.
 */
class DiskFullTest {

    static final Pattern MARK = Pattern.compile("full evt(\\d+)end");

    @TempDir
    Path dir;
    Path mount;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean mounted = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "skipped: cannot mount a tmpfs here (needs root): " + output.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskFailsIngestUntilSpaceIsBackThenStoresEachEventOnceWithoutARestart() throws Exception {
        Path vault = mount.resolve("vault");
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.vault(vault))) {
            Map<Integer, String> pending = new HashMap<>();
            int next = 0;
            for (; next < 15; next += 5) {
                assertThat(server.http().ingest(batch(next)).status()).isEqualTo(200);
            }
            // The disk fills up (a backup, a download): every write of the vault and its index now fails.
            Path filler = mount.resolve("filler");
            fill(filler);
            for (int attempt = 0; attempt < 3; attempt++, next += 5) {
                Http.Response full = server.http().ingest(batch(next));
                assertThat(full.status()).as(full.body()).isEqualTo(500);
                assertThat(full.json().get("detail").asText()).isEqualTo("Storage error — vault write failed");
                pending.put(next, batch(next));
            }

            Files.delete(filler);
            // Space is back: every refused batch is stored on its (first or second) retry, no restart.
            for (Map.Entry<Integer, String> retry : pending.entrySet()) {
                Http.Response response = server.http().ingest(retry.getValue());
                if (response.status() != 200) {
                    response = server.http().ingest(retry.getValue());
                }
                assertThat(response.status()).as("retry of batch %d: %s", retry.getKey(), response.body())
                        .isEqualTo(200);
            }
            Http.Response after = server.http().ingest(batch(next));
            assertThat(after.status()).as(after.body()).isEqualTo(200);
        }
        Map<Integer, Integer> counts = counts(vault);
        assertThat(counts.values()).as("no event twice").allMatch(n -> n == 1);
        assertThat(counts).as("every event stored").hasSize(counts.keySet().stream().mapToInt(i -> i).max()
                .orElseThrow() + 1);
    }

    /** Five events of about 8 kB each, ids {@code first} to {@code first + 4}. */
    static String batch(int first) {
        ObjectNode batch = Bodies.batch("braindump");
        for (int id = first; id < first + 5; id++) {
            Bodies.event(batch, Bodies.SEED_TIME + id, "full-" + id).put("text", "full evt" + id + "end "
                    + "x".repeat(8_000));
        }
        return batch.toString();
    }

    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: what we wanted
        }
    }

    private static Map<Integer, Integer> counts(Path vault) throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        try (Stream<Path> files = Files.walk(vault.resolve("Braindump"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = MARK.matcher(Files.readString(file));
                while (m.find()) {
                    counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
