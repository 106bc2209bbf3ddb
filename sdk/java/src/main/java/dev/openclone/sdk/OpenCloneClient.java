package dev.openclone.sdk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends events to an OpenClone server safely. {@link #send} stores each event in a durable on-disk spool and
 * returns; a background thread sends the spool in batches (when {@code batchSize} events wait, or the oldest
 * has waited {@code maxDelay}; at most 500 events and 1 MiB per request, see {@link Batches}), retries rate limits
 * ({@code 429}, honouring {@code Retry-After}), server errors and network errors by the {@link Backoff} policy, and
 * never retries other {@code 4xx} answers: it reports them to the {@link Listener}. Events not yet sent survive a
 * crash or an offline server in the spool and are sent by the next client on the same spool folder; every event
 * has a raw_ref, so nothing is stored twice.
 * <pre>
 * try (OpenCloneClient client = OpenCloneClient.builder("http://127.0.0.1:8000", apiKey)
 *         .plugin("my-notes", "1.0.0").device("laptop-1").spool(Path.of("spool")).build()) {
 *     client.send(Events.notes("Idea", "Build a vault.").rawRef(RawRefs.of("note", 42)).build());
 * }
 * </pre>
 */
public final class OpenCloneClient implements AutoCloseable {

    /** Events in one request, at most: {@link IngestLimits#MAX_EVENTS}. */
    public static final int MAX_BATCH_EVENTS = IngestLimits.MAX_EVENTS;

    /** What happens to sent events; every method is optional. Called on the sender thread. */
    public interface Listener {
        /** A batch was answered 200. */
        default void stored(int stored, int skipped) {
        }

        /** A batch was refused with a 4xx other than 429: it is not retried. {@code detail} is the answer. */
        default void rejected(List<Event> events, int status, String detail) {
        }

        /** A request failed ({@code status} 0 for a network error) and will be retried after {@code wait}. */
        default void retrying(int status, Duration wait) {
        }
    }

    private final Spool spool;
    private final Sender sender;
    private final Duration closeTimeout;

    private OpenCloneClient(Builder b) throws IOException {
        this.spool = new Spool(b.spool);
        this.closeTimeout = b.closeTimeout;
        this.sender = new Sender(new IngestCall(b.url, b.apiKey),
                new Sender.Header(b.pluginId, b.pluginVersion, b.platform, b.deviceId), spool, b.batchSize,
                b.maxDelay, Backoff.upTo(b.maxBackoff), b.listener);
    }

    public static Builder builder(String url, String apiKey) {
        return new Builder(url, apiKey);
    }

    /** Spools one event durably; it is sent in the background. */
    public void send(Event event) throws IOException {
        sendAll(List.of(event));
    }

    /** Spools events durably with one disk sync; they are sent in the background. */
    public void sendAll(Collection<Event> events) throws IOException {
        if (sender.stopped()) {
            throw new IllegalStateException("the client is closed");
        }
        List<Event> withRefs = new ArrayList<>(events.size());
        for (Event event : events) {
            withRefs.add(event.rawRef() == null ? event.withRawRef(UUID.randomUUID().toString()) : event);
        }
        spool.append(withRefs);
        sender.spooled(withRefs.size());
    }

    /**
     * Sends everything spooled now and waits until the spool is empty, or {@code timeout} passes.
     *
     * @return true when every event was answered (stored, skipped or rejected)
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        return sender.flush(timeout);
    }

    /** Events stored / skipped as duplicates / rejected so far by this client. */
    public long storedCount() {
        return sender.stored.get();
    }

    public long skippedCount() {
        return sender.skipped.get();
    }

    public long rejectedCount() {
        return sender.rejected.get();
    }

    /**
     * Flushes for up to {@code closeTimeout} (ten seconds unless set), then stops; what is still unsent stays in
     * the spool for next time.
     */
    @Override
    public void close() throws InterruptedException {
        try {
            flush(closeTimeout);
        } finally {
            sender.stop();
        }
    }

    /** Settings of a client; {@link #spool} is required. */
    public static final class Builder {
        private final String url;
        private final String apiKey;
        private String pluginId = "openclone-sdk";
        private String pluginVersion = "0.1.0";
        private String platform = defaultPlatform();
        private String deviceId = defaultDevice();
        private int batchSize = 100;
        private Duration maxDelay = Duration.ofSeconds(60);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Listener listener = new Listener() {
        };
        private Path spool;
        private Duration closeTimeout = Duration.ofSeconds(10);

        Builder(String url, String apiKey) {
            this.url = Objects.requireNonNull(url, "url");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        /** Your plugin's id (kebab-case, as in its plugin.json) and version (semver). */
        public Builder plugin(String id, String version) {
            this.pluginId = id;
            this.pluginVersion = version;
            return this;
        }

        /** macos, windows, linux, ios, android or web (default: this machine's). */
        public Builder platform(String name) {
            this.platform = name;
            return this;
        }

        /** A stable id of this device (default: from the host name). */
        public Builder device(String id) {
            this.deviceId = id;
            return this;
        }

        /** The folder of the durable spool; one client at a time per folder. */
        public Builder spool(Path folder) {
            this.spool = folder;
            return this;
        }

        /** Send when this many events wait (default 100, at most 500 per request). */
        public Builder batchSize(int events) {
            if (events < 1 || events > MAX_BATCH_EVENTS) {
                throw new IllegalArgumentException("batchSize is 1 to " + MAX_BATCH_EVENTS);
            }
            this.batchSize = events;
            return this;
        }

        /** Send when the oldest waiting event has waited this long (default 60 s). */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = delay;
            return this;
        }

        /** The longest wait between retries (default 5 minutes); Retry-After is honoured beyond it. */
        public Builder maxBackoff(Duration wait) {
            this.maxBackoff = wait;
            return this;
        }

        /** How long {@link #close} keeps sending before it leaves the rest in the spool (default 10 s). */
        public Builder closeTimeout(Duration wait) {
            this.closeTimeout = wait;
            return this;
        }

        public Builder listener(Listener events) {
            this.listener = events;
            return this;
        }

        /** Opens the spool (sending what a previous run left in it) and starts sending. */
        public OpenCloneClient build() throws IOException {
            if (spool == null) {
                throw new IllegalStateException("set a spool folder: events wait there until they are sent");
            }
            return new OpenCloneClient(this);
        }

        private static String defaultPlatform() {
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            return os.contains("mac") ? "macos" : os.contains("win") ? "windows" : "linux";
        }

        private static String defaultDevice() {
            String host = System.getenv().getOrDefault("HOSTNAME", "");
            if (host.isBlank()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    host = "device";
                }
            }
            String id = host.replaceAll("[^A-Za-z0-9._:-]", "-");
            return id.isEmpty() ? "device" : id.substring(0, Math.min(id.length(), 128));
        }
    }
}
