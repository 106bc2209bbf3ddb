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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The dashboard's pages with a large memory: fills a vault through the real API (all of it in the last 30 days,
 * the worst case for Today's counts), signs in as a browser does, then times each page over HTTP on loopback
 * (the time includes sending the page; the server's own time is less). Last line: one JSON object, p50/p95 ms per
 * page.
 * <pre>
 * bench/dashboard.sh [--events N] [--requests R]     (default 1,000,000 events, 30 requests per page)
 * </pre>
 */
public final class DashboardBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        int requests = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                default -> {
                    System.out.println("usage: bench/dashboard.sh [--events N] [--requests R]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("openclone-dashboard-bench");
        double end = System.currentTimeMillis() / 1000d;
        try (IngestBench.Server server = IngestBench.Server.start(work)) {
            double rate = SearchBench.fill(server, 0, events, end);
            System.out.printf(Locale.ROOT, "filled %,d events at %.0f events/s%n", events, rate);
            System.out.printf(Locale.ROOT, "search caught up %d ms after the last 200%n",
                    SearchBench.awaitCaughtUp(server, end));
            String cookie = signIn(server);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            SplittableRandom random = new SplittableRandom(11);
            Map<String, double[]> pages = new LinkedHashMap<>();
            pages.put("today", time(server, cookie, requests, i -> "/"));
            pages.put("search_common", time(server, cookie, requests, i -> "/search?q=meeting+review"));
            pages.put("search_rare", time(server, cookie, requests, i -> "/search?q=tok"
                    + random.nextInt(SearchBench.RARE)));
            pages.put("search_filtered", time(server, cookie, requests, i -> "/search?q=budget&source_type=notes"
                    + "&sort=time"));
            pages.put("timeline_day", time(server, cookie, requests, i -> "/timeline?date=" + LocalDate.parse(today)
                    .minusDays(random.nextInt(30))));
            pages.put("plugins", time(server, cookie, requests, i -> "/plugins"));
            pages.put("privacy", time(server, cookie, requests, i -> "/privacy"));
            long stored = events;
            pages.put("entry", time(server, cookie, requests, i -> "/entry?id=" + (1 + random.nextLong(stored))));
            StringBuilder json = new StringBuilder("{\"bench\": \"dashboard\", \"events\": " + events);
            pages.forEach((name, ms) -> json.append(String.format(Locale.ROOT,
                    ", \"%s\": {\"p50\": %.1f, \"p95\": %.1f}", name, ms[0], ms[1])));
            json.append(String.format(Locale.ROOT, ", \"rss_mb\": %d}", server.peakRssKb() / 1024));
            System.out.println(json);
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Signs in with the bench's key as the login form does; returns the session cookie ({@code name=value}). */
    private static String signIn(IngestBench.Server server) throws Exception {
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(IngestBench.KEY,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow(() -> new IOException(
                "sign-in answered " + answer.statusCode() + " without a session"));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @FunctionalInterface
    interface PathMaker {
        String make(int i);
    }

    /** p50 and p95 in ms of {@code count} page loads, after 3 unmeasured ones. */
    private static double[] time(IngestBench.Server server, String cookie, int count, PathMaker paths)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            load(server, cookie, paths.make(i));
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            String path = paths.make(i);
            long t = System.nanoTime();
            load(server, cookie, path);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[count / 2], ms[(int) Math.ceil(count * 0.95) - 1]};
    }

    private static void load(IngestBench.Server server, String cookie, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && !(path.startsWith("/entry") && answer.statusCode() == 404)) {
            throw new IOException(path + " answered " + answer.statusCode());
        }
    }
}
