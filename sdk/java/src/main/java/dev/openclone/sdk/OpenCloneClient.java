package dev.openclone.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends events to an OpenClone server safely. {@link #send} stores each event in a durable on-disk spool and
 * returns; a background thread sends the spool in batches (when {@code batchSize} events wait, or the oldest
 * has waited {@code maxDelay}; at most 500 events and 1 MiB per request), retries rate limits ({@code 429},
 * honouring {@code Retry-After}), server errors and network errors with exponential backoff and jitter, and
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

    public static final int MAX_BATCH_EVENTS = 500;
    static final int MAX_BODY_BYTES = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private final URI ingest;
    private final String apiKey;
    private final String pluginId;
    private final String pluginVersion;
    private final String platform;
    private final String deviceId;
    private final int batchSize;
    private final Duration maxDelay;
    private final Duration maxBackoff;
    private final Listener listener;
    private final Spool spool;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread sender;
    private final Object lock = new Object();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private int waiting;
    private long firstWaitingAt;
    private boolean flushRequested;
    private boolean spoolEmpty;
    private volatile boolean stopped;

    private OpenCloneClient(Builder b) throws IOException {
        this.ingest = URI.create(b.url.replaceAll("/+$", "") + "/api/v1/ingest");
        this.apiKey = b.apiKey;
        this.pluginId = b.pluginId;
        this.pluginVersion = b.pluginVersion;
        this.platform = b.platform;
        this.deviceId = b.deviceId;
        this.batchSize = b.batchSize;
        this.maxDelay = b.maxDelay;
        this.maxBackoff = b.maxBackoff;
        this.listener = b.listener;
        this.spool = new Spool(b.spool);
        this.waiting = spool.pending();
        this.firstWaitingAt = System.nanoTime();
        // What an earlier run left unsent goes out at once.
        this.flushRequested = waiting > 0;
        this.sender = new Thread(this::run, "openclone-sender");
        this.sender.setDaemon(true);
        this.sender.start();
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
        if (stopped) {
            throw new IllegalStateException("the client is closed");
        }
        List<Event> withRefs = new ArrayList<>(events.size());
        for (Event event : events) {
            withRefs.add(event.rawRef() == null ? event.withRawRef(UUID.randomUUID().toString()) : event);
        }
        spool.append(withRefs);
        synchronized (lock) {
            if (waiting == 0) {
                firstWaitingAt = System.nanoTime();
            }
            waiting += withRefs.size();
            spoolEmpty = false;
            lock.notifyAll();
        }
    }

    /**
     * Sends everything spooled now and waits until the spool is empty, or {@code timeout} passes.
     *
     * @return true when every event was answered (stored, skipped or rejected)
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            spoolEmpty = false;
            flushRequested = true;
            lock.notifyAll();
            while (!spoolEmpty && !stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return spoolEmpty;
        }
    }

    /** Events stored / skipped as duplicates / rejected so far by this client. */
    public long storedCount() {
        return stored.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    /** Flushes for up to ten seconds, then stops; what is still unsent stays in the spool for next time. */
    @Override
    public void close() throws InterruptedException {
        try {
            flush(Duration.ofSeconds(10));
        } finally {
            stopped = true;
            synchronized (lock) {
                lock.notifyAll();
            }
            sender.join(30_000);
        }
    }

    private void run() {
        while (!stopped) {
            try {
                synchronized (lock) {
                    while (!stopped && !due()) {
                        lock.wait(200);
                    }
                    if (stopped) {
                        return;
                    }
                    waiting = 0;
                    flushRequested = false;
                }
                spool.seal();
                for (java.nio.file.Path segment : spool.segments()) {
                    if (!sendSegment(segment)) {
                        return;
                    }
                    spool.delete(segment);
                }
                synchronized (lock) {
                    if (waiting == 0) {
                        spoolEmpty = true;
                        lock.notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the spool could not be read or written: wait, then try again; nothing was deleted
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private boolean due() {
        if (flushRequested) {
            return true;
        }
        if (waiting == 0) {
            return false;
        }
        return waiting >= batchSize || System.nanoTime() - firstWaitingAt >= maxDelay.toNanos();
    }

    /** Sends a segment in batches; false when the client stopped before it was through. */
    private boolean sendSegment(Path segment) throws IOException {
        Map<String, List<Event>> byType = new LinkedHashMap<>();
        for (Event event : Spool.read(segment)) {
            byType.computeIfAbsent(event.sourceType(), t -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<String, List<Event>> type : byType.entrySet()) {
            List<Event> batch = new ArrayList<>();
            int bytes = 0;
            for (Event event : type.getValue()) {
                int size = JSON.writeValueAsBytes(eventJson(event)).length + 1;
                if (!batch.isEmpty() && (batch.size() == MAX_BATCH_EVENTS || bytes + size > MAX_BODY_BYTES - 1024)) {
                    if (!post(type.getKey(), batch)) {
                        return false;
                    }
                    batch = new ArrayList<>();
                    bytes = 0;
                }
                batch.add(event);
                bytes += size;
            }
            if (!batch.isEmpty() && !post(type.getKey(), batch)) {
                return false;
            }
        }
        return true;
    }

    /** Posts one batch until it is answered for good; false when the client stopped first. */
    private boolean post(String sourceType, List<Event> batch) throws IOException {
        byte[] body = body(sourceType, batch);
        for (int attempt = 0; !stopped; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException network) {
                waitToRetry(0, backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            int status = response.statusCode();
            if (status == 200) {
                JsonNode answer = JSON.readTree(response.body());
                stored.addAndGet(answer.path("stored").asLong());
                skipped.addAndGet(answer.path("skipped").asLong());
                listener.stored(answer.path("stored").asInt(), answer.path("skipped").asInt());
                return true;
            }
            if (status == 429 || status == 503) {
                waitToRetry(status, retryAfter(response).orElse(backoff(attempt)));
            } else if (status >= 500) {
                waitToRetry(status, backoff(attempt));
            } else {
                rejected.addAndGet(batch.size());
                listener.rejected(List.copyOf(batch), status, response.body());
                return true;
            }
        }
        return false;
    }

    private void waitToRetry(int status, Duration wait) {
        listener.retrying(status, wait);
        pause(wait);
    }

    /** Sleeps, but wakes up at once when the client stops. */
    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!stopped) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Full-jitter exponential backoff: a random wait up to min(maxBackoff, 0.5 s × 2^attempt). */
    Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), 500L << Math.min(attempt, 20));
        return Duration.ofMillis(100 + ThreadLocalRandom.current().nextLong(Math.max(1, cap)));
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private byte[] body(String sourceType, List<Event> batch) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("source_type", sourceType);
        body.put("platform", platform);
        body.put("device_id", deviceId);
        body.put("plugin_id", pluginId);
        body.put("plugin_version", pluginVersion);
        body.put("timestamp", System.currentTimeMillis() / 1000d);
        ArrayNode events = body.putArray("events");
        batch.forEach(event -> events.add(eventJson(event)));
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode eventJson(Event event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("timestamp", event.timestamp());
        json.set("data", JSON.valueToTree(event.data()));
        json.put("raw_ref", event.rawRef());
        return json;
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
