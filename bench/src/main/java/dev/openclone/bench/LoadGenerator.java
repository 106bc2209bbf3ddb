package dev.openclone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives {@code POST /api/v1/ingest} over loopback from {@code connections} threads, each with its own HTTP/1.1
 * connection, sending batches back to back (or paced to a target event rate) for a fixed time.
 */
final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runs so far in this JVM: part of every raw_ref prefix, so no two runs (or pre-fill rounds) collide. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    /** What a run measured. */
    record Result(long batches, long eventsSent, long stored, long skipped, long failures, double seconds,
            long[] latenciesNanos, double clientCpuCores) {

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    private LoadGenerator() {
    }

    /**
     * @param eventsPerSecond 0 for as fast as the server answers; otherwise the total rate to pace to
     */
    static Result run(String url, String key, double seconds, int connections, int batch, double eventsPerSecond,
            String runId) throws InterruptedException {
        AtomicLong batches = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        int run = RUNS.getAndIncrement();
        if (run > 0xff || connections > 0x10) {
            throw new IllegalArgumentException("at most 256 runs and 16 connections per JVM");
        }
        long start = System.nanoTime() + 500_000_000L; // half a second to build the templates first
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < connections; c++) {
            long[][] mine = {new long[1024]};
            int[] count = {0};
            int worker = c;
            Thread thread = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                // Bodies are built before the clock starts: 16 templates per connection whose fresh raw_refs get a
                // new prefix per request (replays inside a template keep theirs, so about 5% are skipped).
                Workload workload = new Workload(Workload.Template.MARK, "bench-" + worker, 1_000 + worker,
                        System.currentTimeMillis() / 1000d);
                Workload.Template[] templates = new Workload.Template[16];
                for (int t = 0; t < templates.length; t++) {
                    templates[t] = workload.template(batch);
                }
                // The 8-hex-digit prefix: run (8 bits), connection (4 bits), request number (20 bits).
                long sequence = ((long) run << 24) | ((long) worker << 20);
                long intervalNanos = eventsPerSecond > 0 ? (long) (1e9 * batch * connections / eventsPerSecond) : 0;
                LockSupport.parkNanos(Math.max(0, start - System.nanoTime()));
                // Paced connections start spread over one interval, as independent plugins would, not in step.
                long due = System.nanoTime() + intervalNanos * worker / connections;
                while (System.nanoTime() < end) {
                    if (intervalNanos > 0) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        due += intervalNanos;
                    }
                    byte[] body = templates[(int) (sequence % templates.length)].with(sequence);
                    sequence++;
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        JsonNode answer = JSON.readTree(response.body());
                        stored.addAndGet(answer.get("stored").asLong());
                        skipped.addAndGet(answer.get("skipped").asLong());
                        batches.incrementAndGet();
                        sent.addAndGet(batch);
                        if (count[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                        }
                        mine[0][count[0]++] = took;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double clientCpu = (os.getProcessCpuTime() - cpuStart) / 1e9 / elapsed;
        return new Result(batches.get(), sent.get(), stored.get(), skipped.get(), failures.get(), elapsed, all,
                clientCpu);
    }
}
