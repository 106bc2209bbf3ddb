import dev.openclone.sdk.Events;
import dev.openclone.sdk.OpenCloneClient;
import dev.openclone.sdk.RawRefs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends events to OpenClone with the Java SDK: it batches, backs off on 429 and server errors, keeps unsent
 * events in a durable spool, and every event has a raw_ref. Run (see docs/examples/README.md):
 * <pre>
 * OPENCLONE_URL=http://127.0.0.1:8000 API_KEY=... java -cp "$(cat sdk/java/target/classpath.txt)" \
 *     docs/examples/java/SendExample.java
 * </pre>
 */
public class SendExample {
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("OPENCLONE_URL", "http://127.0.0.1:8000");
        String key = System.getenv("API_KEY");
        if (key == null) {
            System.err.println("set API_KEY to your OpenClone key");
            System.exit(2);
        }
        try (OpenCloneClient client = OpenCloneClient.builder(url, key).plugin("example-java", "1.0.0")
                .device("example-java").spool(Path.of(System.getProperty("java.io.tmpdir"), "openclone-example-spool"))
                .batchSize(100).closeTimeout(Duration.ofSeconds(1)).build()) {
            for (int n = 1; n <= 3; n++) {
                client.send(Events.braindump("Hello from the Java example, event " + n).at(Instant.now())
                        .rawRef(RawRefs.of("example-java", n)).build());
            }
            // A few seconds: a server that is down gets a clear line, and the events wait in the spool.
            boolean sent = client.flush(Duration.ofSeconds(5));
            System.out.println(sent ? "sent: stored " + client.storedCount() + ", skipped " + client.skippedCount()
                    : "cannot reach OpenClone at " + url + " yet (is it running?); the events wait in the spool "
                    + "for the next run");
        }
    }
}
