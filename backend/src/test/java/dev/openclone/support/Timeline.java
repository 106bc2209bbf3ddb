package dev.openclone.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What a server stored of one source type, as its timeline endpoint answers it, for capture tests. */
public final class Timeline {

    private final TestServer server;
    private final String sourceType;
    private final long before;
    private final long after;

    private Timeline(TestServer server, String sourceType, long before, long after) {
        this.server = server;
        this.sourceType = sourceType;
        this.before = before;
        this.after = after;
    }

    /** Events of {@code sourceType} captured from {@code back} ago to {@code ahead} from now (at most a year). */
    public static Timeline of(TestServer server, String sourceType, Duration back, Duration ahead) {
        return new Timeline(server, sourceType, back.toSeconds(), ahead.toSeconds());
    }

    public List<JsonNode> events() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonNode answer = server.http().get("/api/v1/timeline?source_type=" + sourceType + "&limit=10000&from="
                + (now - before) + "&to=" + (now + after), TestServer.KEY).json();
        List<JsonNode> events = new ArrayList<>();
        answer.get("events").forEach(events::add);
        return events;
    }

    /** The first event {@code which} accepts, waiting for it up to {@code seconds}. */
    public JsonNode await(Predicate<JsonNode> which, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events()) {
                if (which.test(event)) {
                    return event;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such event within " + seconds + " s; the server has " + events());
    }

    /** Waits up to {@code seconds} until at least {@code count} events are stored. */
    public void awaitCount(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (events().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server has " + events().size() + " " + sourceType + " events, not "
                        + count);
            }
            Thread.sleep(250);
        }
    }
}
