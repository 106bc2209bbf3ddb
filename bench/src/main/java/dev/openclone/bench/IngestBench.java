package dev.openclone.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/ingest.sh}: starts the real server (durable settings as shipped, rate limit off, fresh temp vault)
 * as its own process, optionally pre-fills it, restarts it to time start-up, drives it with {@link LoadGenerator},
 * reads its peak RSS and CPU from {@code /proc}, stops it, runs the {@link Baselines} on the same disk and prints
 * one JSON line last.
 */
public final class IngestBench {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    static final String KEY = "bench-key-0123456789abcdef";
    private static final int BASELINE_BATCHES = 400;

    private IngestBench() {
    }

    /** Options, each with the script's default. */
    record Options(double seconds, int connections, int batch, double rate, long prefill, Path dir) {

        static Options parse(String[] args) throws IOException {
            double seconds = 20;
            int connections = 8;
            int batch = 500;
            double rate = 0;
            long prefill = 0;
            Path dir = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--prefill" -> prefill = Long.parseLong(value);
                    case "--dir" -> dir = Path.of(value);
                    case "-h", "--help" -> {
                        System.out.println("usage: bench/ingest.sh [--seconds N] [--connections C] [--batch B] "
                                + "[--rate EVENTS_PER_S] [--prefill EVENTS] [--dir WORKDIR]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (batch < 1 || batch > 500 || connections < 1 || seconds <= 0) {
                throw new IllegalArgumentException("--batch 1-500, --connections >= 1, --seconds > 0");
            }
            return new Options(seconds, connections, batch, rate, prefill,
                    dir != null ? dir : Files.createTempDirectory("openclone-bench"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = options.dir();
        System.out.println("work folder: " + work);
        long storedBefore = 0;
        if (options.prefill() > 0) {
            try (Server server = Server.start(work)) {
                long t0 = System.nanoTime();
                Filled filled = prefill(server, options.prefill());
                storedBefore = filled.stored();
                System.out.printf(Locale.ROOT, "prefilled %d events in %.0f s (%d failures)%n", filled.stored(),
                        (System.nanoTime() - t0) / 1e9, filled.failures());
            }
        }
        try (Server server = Server.start(work)) {
            System.out.printf(Locale.ROOT, "server start-up to first 200: %d ms%n", server.startupMillis());
            double warmup = Math.min(3, options.seconds() / 4);
            LoadGenerator.run(server.url(), KEY, warmup, options.connections(), options.batch(), options.rate(),
                    "warm");
            long cpuBefore = server.cpuTicks();
            long writtenBefore = server.writtenBytes();
            LoadGenerator.Result load = LoadGenerator.run(server.url(), KEY, options.seconds(),
                    options.connections(), options.batch(), options.rate(), "run");
            double cpuCores = (server.cpuTicks() - cpuBefore) / 100.0 / load.seconds();
            double bytesPerEvent = (server.writtenBytes() - writtenBefore) / (double) Math.max(1, load.stored());
            double rssMb = server.peakRssKb() / 1024.0;
            server.close();

            // Always the same 400 batches, after one pass that warms the JIT up and is thrown away.
            List<byte[]> bodies = Baselines.bodies(BASELINE_BATCHES, options.batch());
            Baselines.floor(bodies.subList(0, BASELINE_BATCHES / 4), work.resolve("baseline-warmup"));
            double raw = Baselines.raw(bodies, work.resolve("baseline-raw"));
            double floor = Baselines.floor(bodies, work.resolve("baseline-floor"));
            double perSecond = load.stored() / load.seconds();
            System.out.printf(Locale.ROOT, "load: %d batches of %d over %d connections in %.1f s: %d stored, %d "
                    + "skipped, %d failed%n", load.batches(), options.batch(), options.connections(), load.seconds(),
                    load.stored(), load.skipped(), load.failures());
            System.out.printf(Locale.ROOT, "server: %.0f events/s stored, p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                    + "peak RSS %.0f MB, CPU %.2f cores (load generator: %.2f cores)%n", perSecond,
                    load.percentileMillis(0.5), load.percentileMillis(0.99), load.percentileMillis(1.0), rssMb,
                    cpuCores, load.clientCpuCores());
            System.out.printf(Locale.ROOT, "server disk writes: %.0f bytes per stored event%n", bytesPerEvent);
            System.out.printf(Locale.ROOT, "baselines on the same disk: raw %.0f events/s, floor %.0f events/s%n",
                    raw, floor);
            System.out.printf(Locale.ROOT, "{\"events_per_s\": %.0f, \"p50_ms\": %.1f, \"p99_ms\": %.1f, "
                    + "\"max_ms\": %.1f, \"rss_mb\": %.0f, \"cpu_cores\": %.2f, \"client_cpu_cores\": %.2f, \"startup_ms\": %d, "
                    + "\"raw_events_per_s\": %.0f, \"floor_events_per_s\": %.0f, \"ratio_to_floor\": %.2f, "
                    + "\"prefill\": %d, \"failures\": %d}%n", perSecond, load.percentileMillis(0.5),
                    load.percentileMillis(0.99), load.percentileMillis(1.0), rssMb, cpuCores, load.clientCpuCores(),
                    server.startupMillis(), raw, floor, perSecond / floor, storedBefore, load.failures());
        }
    }

    /** Events stored and requests failed while pre-filling. */
    private record Filled(long stored, long failures) {
    }

    /** Fills the vault through the API, as fast as the server takes it, until {@code events} are stored. */
    private static Filled prefill(Server server, long events) throws InterruptedException {
        long stored = 0;
        long failures = 0;
        for (int round = 0; stored < events; round++) {
            // Rounds sized to what is left (at ~20,000 events/s), so the vault ends near the size asked for.
            double seconds = Math.max(0.5, Math.min(10, (events - stored) / 20_000.0));
            LoadGenerator.Result part = LoadGenerator.run(server.url(), KEY, seconds, 4, 500, 0, "fill" + round);
            stored += part.stored();
            failures += part.failures();
        }
        return new Filled(stored, failures);
    }

    /** The server as its own JVM, started like the launcher starts it. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;
        private final long startupMillis;

        private Server(Process process, int port, long startupMillis) {
            this.process = process;
            this.port = port;
            this.startupMillis = startupMillis;
        }

        static Server start(Path work) throws IOException, InterruptedException {
            return start(work, List.of());
        }

        /** @param options more JVM options, after the shipped ones */
        static Server start(Path work, List<String> options) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(shippedJvmOptions());
            command.addAll(options);
            String extra = System.getenv().getOrDefault("OPENCLONE_BENCH_SERVER_OPTS", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.strip().split("\\s+")));
            }
            command.addAll(List.of("-Dopenclone.root=" + work, "-cp", System.getProperty("java.class.path"),
                    "dev.openclone.Main", "serve", "--port", "0", "--rate-limit", "0", "--timezone", "UTC",
                    "--vault", work.resolve("vault").toString(), "--home", work.resolve("home").toString(),
                    "--plugins", work.resolve("plugins").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("API_KEY", KEY);
            long t0 = System.nanoTime();
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            if (port < 0) {
                throw new IOException("the server did not start");
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // the server's log is not needed; reading it keeps the pipe from filling
                    }
                } catch (IOException closed) {
                    // the server stopped
                }
            }, "server-log");
            drain.setDaemon(true);
            drain.start();
            HttpClient client = HttpClient.newHttpClient();
            while (true) {
                try {
                    if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(10);
                }
            }
            return new Server(process, port, (System.nanoTime() - t0) / 1_000_000);
        }

        /** The options of backend/jvm.options, as the launcher passes them: durable settings as shipped. */
        static List<String> shippedJvmOptions() throws IOException {
            Path file = Path.of(System.getProperty("openclone.repo", "."), "backend", "jvm.options");
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }

        String url() {
            return "http://127.0.0.1:" + port + "/api/v1/ingest";
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        long startupMillis() {
            return startupMillis;
        }

        /** User + system CPU of the server so far, in clock ticks (100 per second on Linux). */
        long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        /** Bytes the server caused to be written to storage so far (/proc/PID/io write_bytes). */
        long writtenBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        /** Peak resident memory (VmHWM) in KiB. */
        long peakRssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
