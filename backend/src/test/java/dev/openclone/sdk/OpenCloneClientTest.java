package dev.openclone.sdk;

import dev.openclone.config.Settings;
import dev.openclone.server.OpenCloneServer;
import dev.openclone.support.TestSettings;
import dev.openclone.support.VaultNotes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK against the real server: offline, rate limited, refused, and killed mid-send. */
class OpenCloneClientTest {

    static final String KEY = "sdk-test-key-0123456789abcdef";
    static final Instant T0 = Instant.ofEpochSecond(1_708_258_800L);

    @TempDir
    Path dir;

    @Test
    void serverDownThenUpLosesNothing() throws Exception {
        int port = freePort();
        try (OpenCloneClient client = client(port, 10)) {
            for (int i = 0; i < 25; i++) {
                client.send(Events.braindump("offline evt" + i + "end").at(T0.plusSeconds(i)).rawRef("off-" + i)
                        .build());
            }
            assertThat(client.flush(Duration.ofSeconds(1))).as("nothing can be sent while the server is down")
                    .isFalse();
            try (OpenCloneServer server = server(port, 0)) {
                assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(client.storedCount()).isEqualTo(25);
        }
        assertThat(markers(dir.resolve("vault"))).hasSize(25).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void rateLimitStormIsWaitedOutHonouringRetryAfter() throws Exception {
        int port = freePort();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (OpenCloneServer server = server(port, 10);
                OpenCloneClient client = OpenCloneClient.builder("http://127.0.0.1:" + port, KEY)
                        .spool(dir.resolve("spool")).device("stormdev").batchSize(500)
                        .maxBackoff(Duration.ofMillis(200)).listener(new OpenCloneClient.Listener() {
                            @Override
                            public void retrying(int status, Duration wait) {
                                if (status == 429) {
                                    waits.add(wait);
                                }
                            }
                        }).build()) {
            // 15 source types: one request each, 5 more than the 10 a window this server allows.
            client.sendAll(oneOfEachType());
            assertThat(client.flush(Duration.ofSeconds(90))).isTrue();
            assertThat(client.storedCount()).isEqualTo(15);
        }
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void refusedBatchIsReportedAndNotRetried() throws Exception {
        int port = freePort();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        try (OpenCloneServer server = server(port, 0);
                OpenCloneClient client = OpenCloneClient.builder("http://127.0.0.1:" + port, KEY)
                        .spool(dir.resolve("spool")).listener(new OpenCloneClient.Listener() {
                            @Override
                            public void rejected(List<Event> events, int status, String detail) {
                                statuses.add(status);
                            }
                        }).build()) {
            client.send(Events.health().at(T0).rawRef("no-metric").build());
            client.send(Events.braindump("fine").at(T0).rawRef("fine").build());
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(statuses).containsExactly(422);
            assertThat(client.rejectedCount()).isEqualTo(1);
            assertThat(client.storedCount()).isEqualTo(1);
        }
    }

    @Test
    void processKilledMidSendLosesNothingAndStoresNothingTwice() throws Exception {
        int port = freePort();
        Path spool = dir.resolve("spool");
        try (OpenCloneServer server = server(port, 0)) {
            Process child = start(port, spool, 3000);
            int lastSpooled = -1;
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("SPOOLED ")) {
                    lastSpooled = Integer.parseInt(line.substring(8));
                    if (lastSpooled == 1500) {
                        break;
                    }
                }
            }
            child.destroyForcibly().waitFor(); // SIGKILL while batches are being sent
            assertThat(lastSpooled).isEqualTo(1500);
            int storedBeforeRestart = markers(dir.resolve("vault")).size();

            Process again = start(port, spool, 0);
            String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("DONE").doesNotContain("NOT DONE");

            Map<Integer, Integer> counts = markers(dir.resolve("vault"));
            for (int i = 0; i <= lastSpooled; i++) {
                assertThat(counts.get(i)).as("event %d, spooled before the kill", i).isEqualTo(1);
            }
            assertThat(counts.values()).allMatch(n -> n == 1);
            assertThat(storedBeforeRestart).as("the kill came mid-send").isLessThan(lastSpooled + 1);
        }
    }

    private OpenCloneClient client(int port, int batchSize) throws Exception {
        return OpenCloneClient.builder("http://127.0.0.1:" + port, KEY).plugin("sdk-test", "1.0.0")
                .device("sdkdev").spool(dir.resolve("spool")).batchSize(batchSize)
                .maxBackoff(Duration.ofMillis(300)).build();
    }

    /** A server whose rate limit (0 = off) counts in two-second windows, so a storm is waited out in seconds. */
    private OpenCloneServer server(int port, int rateLimit) throws Exception {
        Settings settings = TestSettings.in(dir).key(KEY).port(port).rateLimit(rateLimit)
                .rateWindow(Duration.ofSeconds(2)).build();
        return OpenCloneServer.start(settings, Clock.systemUTC());
    }

    private Process start(int port, Path spool, int count) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SpoolingMain.class.getName(), "http://127.0.0.1:" + port,
                KEY, spool.toString(), Integer.toString(count)).redirectErrorStream(true).start();
    }

    private static List<Event> oneOfEachType() {
        List<Event> events = new ArrayList<>();
        events.add(Events.audioSystem("a").at(T0).build());
        events.add(Events.audioMic("b").at(T0).build());
        events.add(Events.screenOcr("c").appName("Code").at(T0).build());
        events.add(Events.journal("d").at(T0).build());
        events.add(Events.braindump("e").at(T0).build());
        events.add(Events.webBrowsing("https://example.com").title("f").at(T0).build());
        events.add(Events.music("g").artist("h").duration(200).at(T0).build());
        events.add(Events.health().metric("steps", 100).at(T0).build());
        events.add(Events.calendar("i", T0).end(T0.plusSeconds(600)).attendees(List.of("Ann")).at(T0).build());
        events.add(Events.notes("j", null).tags(List.of("t")).at(T0).build());
        events.add(Events.gps(52.5, 13.4).accuracy(5).at(T0).build());
        events.add(Events.photos("IMG_1.jpg").at(T0).build());
        events.add(Events.email("k").from("a@example.com").to(List.of("b@example.com")).at(T0).build());
        events.add(Events.messaging("l").preview("hi").at(T0).build());
        events.add(Events.activity("m").category("n").duration(60).at(T0).build());
        return events;
    }

    static Map<Integer, Integer> markers(Path vault) throws Exception {
        Map<Integer, Integer> counts = new HashMap<>();
        if (!Files.exists(vault)) {
            return counts;
        }
        Pattern marker = Pattern.compile("evt(\\d+)end");
        Matcher m = marker.matcher(VaultNotes.text(vault));
        while (m.find()) {
            counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
        return counts;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
