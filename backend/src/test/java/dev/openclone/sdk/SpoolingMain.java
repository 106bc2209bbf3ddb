package dev.openclone.sdk;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A plugin process for the crash test: spools {@code count} events one by one (printing each index once its
 * send() returned, i.e. once it is on disk), then flushes. With count 0 it only sends what the spool holds.
 */
public final class SpoolingMain {

    private SpoolingMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        Path spool = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        try (OpenCloneClient client = OpenCloneClient.builder(url, key).plugin("crash-plugin", "1.0.0")
                .device("crashdev").spool(spool).batchSize(50).maxDelay(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(500)).build()) {
            for (int i = 0; i < count; i++) {
                client.send(Events.braindump("sdk evt" + i + "end").at(Instant.ofEpochSecond(1_708_258_800L + i))
                        .rawRef("evt-" + i).build());
                System.out.println("SPOOLED " + i);
                System.out.flush();
            }
            boolean done = client.flush(Duration.ofSeconds(120));
            System.out.println(done ? "DONE" : "NOT DONE");
        }
    }
}
