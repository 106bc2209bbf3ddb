package dev.openclone.server;

import dev.openclone.ingest.IngestMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters in the Prometheus text format ({@code GET /metrics}): requests by route and status,
 * events stored, skipped and redacted, and the ingest latency as a histogram. No labels carry tenant names,
 * keys or captured text.
 */
public final class Metrics implements IngestMetrics {

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder stored = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder[] latencyBuckets = new LongAdder[BUCKETS.length];
    private final LongAdder latencyCount = new LongAdder();
    private final DoubleAdder latencySum = new DoubleAdder();

    public Metrics() {
        for (int i = 0; i < BUCKETS.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    public void request(String method, String route, int status) {
        requests.computeIfAbsent(method + "\u0000" + route + "\u0000" + status, k -> new LongAdder()).increment();
    }

    @Override
    public void events(int storedCount, int skippedCount) {
        stored.add(storedCount);
        skipped.add(skippedCount);
    }

    @Override
    public void ingestLatency(double seconds) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                latencyBuckets[i].increment();
            }
        }
        latencyCount.increment();
        latencySum.add(seconds);
    }

    /** The exposition text. */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP openclone_http_requests_total HTTP requests by method, route and status.\n");
        out.append("# TYPE openclone_http_requests_total counter\n");
        Map<String, LongAdder> sorted = new TreeMap<>(requests);
        sorted.forEach((key, count) -> {
            String[] parts = key.split("\u0000", -1);
            out.append("openclone_http_requests_total{method=\"").append(parts[0]).append("\",route=\"")
                    .append(parts[1]).append("\",status=\"").append(parts[2]).append("\"} ").append(count.sum())
                    .append('\n');
        });
        counter(out, "openclone_events_stored_total", "Events written to the vault.", stored.sum());
        counter(out, "openclone_events_skipped_total", "Events skipped as duplicates.", skipped.sum());
        out.append("# HELP openclone_ingest_duration_seconds Time to answer POST /api/v1/ingest.\n");
        out.append("# TYPE openclone_ingest_duration_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("openclone_ingest_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(latencyBuckets[i].sum()).append('\n');
        }
        out.append("openclone_ingest_duration_seconds_bucket{le=\"+Inf\"} ").append(latencyCount.sum()).append('\n');
        out.append("openclone_ingest_duration_seconds_sum ")
                .append(String.format(Locale.ROOT, "%.6f", latencySum.sum())).append('\n');
        out.append("openclone_ingest_duration_seconds_count ").append(latencyCount.sum()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
