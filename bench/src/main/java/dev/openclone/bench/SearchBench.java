package dev.openclone.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Search at scale: fills a vault through the real API with mixed events (about 10% Japanese), once with search
 * off and once on to compare ingest, then times each class of query over HTTP. Last line: one JSON object.
 * <pre>
 * bench/search.sh [--events N] [--queries Q]     (default 1,000,000 events, 40 queries per class)
 * </pre>
 */
public final class SearchBench {

    private static final String[] WORDS = ("the roadmap meeting quarterly review budget design sprint release "
            + "customer feedback latency throughput database index vault memory notes capture screen audio "
            + "transcript agenda decision action item follow deadline launch metrics dashboard search recall agent "
            + "plugin server client request response error retry backoff batch event source timeline privacy "
            + "tenant key report draft email calendar travel lunch coffee call project team weekly status").split(" ");
    private static final String[] JAPANESE = {"会議", "東京", "予算", "報告", "田中", "開発", "設計", "顧客", "品質",
        "締切", "議事録", "出張", "資料", "確認", "検討"};
    private static final String[] TYPES = {"screen_ocr", "audio_system", "web_browsing", "notes"};
    static final int RARE = 50_000;
    static final int MID = 100;
    static final double DAY = 86_400;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        int queries = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                default -> {
                    System.out.println("usage: bench/search.sh [--events N] [--queries Q]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("openclone-search-bench");
        double end = System.currentTimeMillis() / 1000d;
        long compared = Math.min(events, 200_000);
        double offRate;
        try (IngestBench.Server server = IngestBench.Server.start(work.resolve("off"),
                List.of("-Dopenclone.search=off"))) {
            offRate = fill(server, 0, compared, end);
        }
        System.out.printf(Locale.ROOT, "search off: %,d events at %.0f events/s%n", compared, offRate);
        try (IngestBench.Server server = IngestBench.Server.start(work.resolve("on"))) {
            double onRate = fill(server, 0, compared, end);
            System.out.printf(Locale.ROOT, "search on:  %,d events at %.0f events/s%n", compared, onRate);
            double rest = fill(server, compared, events, end);
            System.out.printf(Locale.ROOT, "filled to %,d events (%.0f events/s for the rest)%n", events, rest);
            long waited = awaitCaughtUp(server, end);
            System.out.printf(Locale.ROOT, "search caught up %d ms after the last 200%n", waited);
            Map<String, double[]> classes = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(7);
            classes.put("rare_term", time(server, queries, i -> "q=tok" + random.nextInt(RARE)));
            classes.put("mid_term", time(server, queries, i -> "q=grp" + random.nextInt(MID)));
            classes.put("common_term", time(server, queries, i -> "q=" + WORDS[random.nextInt(WORDS.length)]));
            classes.put("phrase", time(server, queries, i -> "q=" + encode("\"" + WORDS[random.nextInt(WORDS.length)]
                    + " " + WORDS[random.nextInt(WORDS.length)] + "\"")));
            classes.put("prefix", time(server, queries, i -> "q=" + encode("tok" + random.nextInt(RARE / 10)
                    + "*")));
            classes.put("by_source", time(server, queries, i -> "q=" + WORDS[random.nextInt(WORDS.length)]
                    + "&source_type=" + TYPES[random.nextInt(TYPES.length)]));
            classes.put("one_day", time(server, queries, i -> {
                long day = (long) (end - DAY * (1 + random.nextInt(29)));
                return "q=" + WORDS[random.nextInt(WORDS.length)] + "&from=" + day + "&to=" + (long) (day + DAY);
            }));
            classes.put("japanese", time(server, queries, i -> "q="
                    + encode(JAPANESE[random.nextInt(JAPANESE.length)])));
            long indexBytes = size(work.resolve("on/vault/.openclone/search"));
            StringBuilder json = new StringBuilder("{\"bench\": \"search\", \"events\": " + events);
            classes.forEach((name, ms) -> json.append(String.format(Locale.ROOT,
                    ", \"%s\": {\"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f}", name, ms[0], ms[1], ms[2])));
            json.append(String.format(Locale.ROOT, ", \"index_bytes_per_event\": %.0f, \"ingest_off\": %.0f, "
                    + "\"ingest_on\": %.0f, \"on_vs_off\": %.2f, \"rss_mb\": %d}", (double) indexBytes / events,
                    offRate, onRate, onRate / offRate, server.peakRssKb() / 1024));
            System.out.println(json);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Sends events {@code from} to {@code to} in 500-event batches on 4 connections; returns events/s. */
    static double fill(IngestBench.Server server, long from, long to, double end) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread worker = new Thread(() -> {
                try {
                    long first;
                    while ((first = next.getAndAdd(500)) < to) {
                        String body = batch(first, Math.min(to, first + 500), end);
                        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.url()))
                                .header("X-API-Key", IngestBench.KEY).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 200) {
                            throw new IOException("ingest answered " + answer.statusCode());
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    /** Events {@code first} to {@code last - 1}: one source type per batch, spread over the last 30 days. */
    static String batch(long first, long last, double end) {
        String type = TYPES[(int) ((first / 500) % TYPES.length)];
        SplittableRandom random = new SplittableRandom(first);
        StringBuilder body = new StringBuilder(500 * 400);
        body.append("{\"source_type\":\"").append(type).append("\",\"platform\":\"linux\",\"device_id\":\"bench\",")
                .append("\"plugin_id\":\"search-bench\",\"plugin_version\":\"1.0.0\",\"timestamp\":").append(end)
                .append(",\"events\":[");
        for (long id = first; id < last; id++) {
            if (id > first) {
                body.append(',');
            }
            StringBuilder text = new StringBuilder();
            if (random.nextInt(10) == 0) {
                for (int w = 0; w < 6; w++) {
                    text.append(JAPANESE[random.nextInt(JAPANESE.length)]).append(w % 2 == 0 ? "の" : "で");
                }
                text.append("話しました。");
            } else {
                for (int w = 0; w < 30 + random.nextInt(30); w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
            }
            text.append(" tok").append(id % RARE).append(" grp").append(id % MID);
            double at = end - random.nextDouble() * 30 * DAY;
            body.append("{\"timestamp\":").append(at).append(",\"raw_ref\":\"s-").append(id)
                    .append("\",\"data\":{");
            switch (type) {
                case "web_browsing" -> body.append("\"url\":\"https://example.com/a/").append(id)
                        .append("\",\"title\":\"page ").append(id).append("\",\"excerpt\":\"").append(text);
                case "notes" -> body.append("\"title\":\"note ").append(id).append("\",\"text\":\"").append(text);
                default -> body.append("\"app_name\":\"App").append(id % 7).append("\",\"text\":\"").append(text);
            }
            body.append("\"}}");
        }
        return body.append("]}").toString();
    }

    /**
     * Stores one last event with a word of its own and waits until a search finds it: the search index follows
     * the SQLite index in the order events were stored, so then it holds every event.
     */
    static long awaitCaughtUp(IngestBench.Server server, double end) throws Exception {
        String marker = "{\"source_type\":\"notes\",\"platform\":\"linux\",\"device_id\":\"bench\","
                + "\"plugin_id\":\"search-bench\",\"plugin_version\":\"1.0.0\",\"timestamp\":" + end
                + ",\"events\":[{\"timestamp\":" + end + ",\"raw_ref\":\"marker\",\"data\":{\"text\":"
                + "\"zzlastmarkerzz\"}}]}";
        HTTP.send(HttpRequest.newBuilder(URI.create(server.url())).header("X-API-Key", IngestBench.KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(marker))
                .build(), HttpResponse.BodyHandlers.discarding());
        long started = System.nanoTime();
        while (get(server, "q=zzlastmarkerzz").contains("\"hits\":[]")) {
            Thread.sleep(100);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    @FunctionalInterface
    interface QueryMaker {
        String make(int i);
    }

    /** p50, p95 and p99 in ms of {@code count} queries, after 5 unmeasured ones. */
    private static double[] time(IngestBench.Server server, int count, QueryMaker queries) throws Exception {
        for (int i = 0; i < 5; i++) {
            get(server, queries.make(i));
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            String query = queries.make(i);
            long t = System.nanoTime();
            get(server, query);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new double[] {ms[count / 2], ms[(int) Math.ceil(count * 0.95) - 1],
            ms[(int) Math.ceil(count * 0.99) - 1]};
    }

    private static String get(IngestBench.Server server, String query) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/search?"
                + query)).header("X-API-Key", IngestBench.KEY).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("search answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }
}
