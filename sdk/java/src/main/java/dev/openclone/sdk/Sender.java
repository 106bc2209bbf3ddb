package dev.openclone.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's background thread: waits until a batch is due (enough events, the oldest waited long enough, or a
 * flush), seals the spool's open segment, and sends each segment in batches by source type, retrying each batch
 * by the {@link Backoff} policy until it is answered for good; only then is the segment deleted.
 */
final class Sender {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The batch header fields, the same for every request of a client. */
    record Header(String pluginId, String pluginVersion, String platform, String deviceId) {
    }

    private final Header header;
    private final int batchSize;
    private final Duration maxDelay;
    private final Backoff backoff;
    private final OpenCloneClient.Listener listener;
    private final Spool spool;
    private final IngestCall call;
    private final Thread thread;
    private final Object lock = new Object();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    private int waiting;
    private long firstWaitingAt;
    private boolean flushRequested;
    private boolean spoolEmpty;
    private volatile boolean stopped;

    Sender(IngestCall call, Header header, Spool spool, int batchSize, Duration maxDelay, Backoff backoff,
            OpenCloneClient.Listener listener) throws IOException {
        this.call = call;
        this.header = header;
        this.spool = spool;
        this.batchSize = batchSize;
        this.maxDelay = maxDelay;
        this.backoff = backoff;
        this.listener = listener;
        this.waiting = spool.pending();
        this.firstWaitingAt = System.nanoTime();
        // What an earlier run left unsent goes out at once.
        this.flushRequested = waiting > 0;
        this.thread = new Thread(this::run, "openclone-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean stopped() {
        return stopped;
    }

    /** Counts events just spooled; wakes the thread when they make a batch due. */
    void spooled(int events) {
        synchronized (lock) {
            if (waiting == 0) {
                firstWaitingAt = System.nanoTime();
            }
            waiting += events;
            spoolEmpty = false;
            lock.notifyAll();
        }
    }

    boolean flush(Duration timeout) throws InterruptedException {
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

    void stop() throws InterruptedException {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.join(30_000);
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
                for (Path segment : spool.segments()) {
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

    /** Sends a segment in batches of one source type each; false when the client stopped before it was through. */
    private boolean sendSegment(Path segment) throws IOException, InterruptedException {
        Map<String, List<Event>> byType = new LinkedHashMap<>();
        for (Event event : Spool.read(segment)) {
            byType.computeIfAbsent(event.sourceType(), t -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<String, List<Event>> type : byType.entrySet()) {
            for (ObjectNode body : Batches.split(body(type.getKey(), type.getValue()))) {
                if (!post(body)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Posts one batch until it is answered for good; false when the client stopped first. */
    private boolean post(ObjectNode body) throws JsonProcessingException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        for (int attempt = 0; !stopped; attempt++) {
            IngestCall.Answer answer = call.post(bytes);
            if (answer instanceof IngestCall.Stored ok) {
                stored.addAndGet(ok.stored());
                skipped.addAndGet(ok.skipped());
                listener.stored(ok.stored(), ok.skipped());
                return true;
            }
            if (answer instanceof IngestCall.Refused refused) {
                List<Event> events = new ArrayList<>();
                body.withArray("events").forEach(event -> events.add(eventOf(body, event)));
                rejected.addAndGet(events.size());
                listener.rejected(List.copyOf(events), refused.status(), refused.detail());
                return true;
            }
            IngestCall.Retry retry = (IngestCall.Retry) answer;
            Duration wait = backoff.delay(attempt, Backoff.retryAfter(retry.retryAfter()));
            listener.retrying(retry.status(), wait);
            pause(wait);
        }
        return false;
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

    /** The wire form of a request: the header fields, the send time, and the events. */
    private ObjectNode body(String sourceType, List<Event> events) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source_type", sourceType);
        body.put("platform", header.platform());
        body.put("device_id", header.deviceId());
        body.put("plugin_id", header.pluginId());
        body.put("plugin_version", header.pluginVersion());
        body.put("timestamp", System.currentTimeMillis() / 1000d);
        ArrayNode array = body.putArray("events");
        for (Event event : events) {
            ObjectNode json = array.addObject();
            json.put("timestamp", event.timestamp());
            json.set("data", JSON.valueToTree(event.data()));
            json.put("raw_ref", event.rawRef());
            if (!event.replaces().isEmpty()) {
                event.replaces().forEach(json.putArray("replaces")::add);
            }
        }
        return body;
    }

    /** An event back from its wire form, for the listener of a refused batch. */
    @SuppressWarnings("unchecked")
    private static Event eventOf(ObjectNode body, com.fasterxml.jackson.databind.JsonNode json) {
        java.util.List<String> replaces = new java.util.ArrayList<>();
        json.path("replaces").forEach(r -> replaces.add(r.asText()));
        return new Event(body.path("source_type").asText(), json.path("timestamp").asDouble(),
                JSON.convertValue(json.path("data"), Map.class), json.path("raw_ref").asText(null), replaces);
    }
}
