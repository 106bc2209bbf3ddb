package dev.openclone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The capture agent's cost and accuracy: Xvfb with openbox and windows showing known text — English in xterms and
 * in application windows (Swing, proportional fonts), Japanese in application windows (Noto Sans CJK) — the agent with Linux Screen as its own process (the launcher's JVM options), a real
 * server. Two runs: {@code --frames} looks with a new window each time (interval 1 s) give the CPU seconds per
 * captured frame (agent and Tesseract together: the agent's own CPU plus its reaped children's, from /proc); then
 * {@code --seconds} at the default 30 s interval, the window changing at every look (the worst case: each look is
 * read), give the average CPU share of one core. The word error rate compares the text that arrived with the text
 * on screen (Japanese: by characters). Last line: one JSON object.
 * <pre>
 * bench/capture.sh [--frames N] [--seconds S]      (default 20 frames, 180 s)
 * </pre>
 */
public final class CaptureBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] ENGLISH = {
        "The quarterly roadmap review moved to Thursday afternoon.\nBudget owners send their numbers by Friday noon.",
        "Release notes for version 4.2\nFixed a crash when the vault folder was renamed.\nSearch is faster on large days.",
        "Meeting with the design team about the onboarding flow.\nDecision: keep the three-step setup and drop the tour.",
        "Shopping list: oat milk, batteries, coffee beans, dish soap.\nCall the plumber about the kitchen sink leak.",
        "Reading: a history of the printing press in Venice.\nChapter four describes how type was cast by hand.",
        "Incident report: the backup job failed twice overnight.\nCause: the disk was full; old snapshots were removed.",
    };
    static final String[] JAPANESE = {
        "東京で予算会議を行いました。\n来週までに報告書を確認してください。",
        "新しい設計について顧客と話しました。\n締切は金曜日です。",
    };

    private CaptureBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = 20;
        int seconds = 180;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.out.println("usage: bench/capture.sh [--frames N] [--seconds S]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("openclone-capture-bench");
        try (Display display = Display.start(work.resolve("x"));
                IngestBench.Server server = IngestBench.Server.start(work.resolve("server"))) {
            List<String> windows = new ArrayList<>();
            Map<String, String> texts = new LinkedHashMap<>();
            for (int i = 0; i < ENGLISH.length; i++) {
                // Half in a terminal (monospace), half as an application draws text (proportional).
                String title = "note " + i + ".txt";
                windows.add(i % 2 == 0 ? display.terminal("Notes" + i, title, ENGLISH[i])
                        : display.application(title, ENGLISH[i], "DejaVu Sans"));
                texts.put(title, ENGLISH[i]);
            }
            for (int i = 0; i < JAPANESE.length; i++) {
                String title = "memo " + i + ".txt";
                windows.add(display.application(title, JAPANESE[i], "Noto Sans CJK JP"));
                texts.put(title, JAPANESE[i]);
            }
            // Run 1: a new window at every look, one look a second.
            Measured fast = runAgent(work.resolve("fast"), display, server, 1, frames * 2, windows, 2_000);
            double perFrame = fast.cpuSeconds / Math.max(1, fast.ocrRuns);
            System.out.printf(Locale.ROOT, "%d frames read in %.1f CPU s: %.3f s each (agent + tesseract)%n",
                    fast.ocrRuns, fast.cpuSeconds, perFrame);
            // Run 2: the default interval, the window changing at every look.
            Measured slow = runAgent(work.resolve("slow"), display, server, 30, seconds, windows, 30_000);
            double share = slow.cpuSeconds / slow.wallSeconds;
            System.out.printf(Locale.ROOT, "%d s at 30 s: %.1f CPU s, %.2f%% of one core, peak RSS %d MB%n",
                    (int) slow.wallSeconds, slow.cpuSeconds, 100 * share, slow.peakRssKb / 1024);
            double[] errors = errorRates(server, texts);
            System.out.printf(Locale.ROOT, "{\"bench\": \"capture\", \"frames\": %d, \"cpu_s_per_frame\": %.3f, "
                    + "\"cpu_percent_at_30s\": %.2f, \"agent_rss_mb\": %d, \"wer_english\": %.2f, "
                    + "\"cer_japanese\": %.2f, \"seconds\": %d}%n", fast.ocrRuns, perFrame, 100 * share,
                    Math.max(fast.peakRssKb, slow.peakRssKb) / 1024, 100 * errors[0], 100 * errors[1],
                    (int) slow.wallSeconds);
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What one run of the agent cost. */
    record Measured(double cpuSeconds, double wallSeconds, long peakRssKb, long ocrRuns) {
    }

    /**
     * Runs the agent for {@code seconds} with a look every {@code interval} s, giving the focus to the next window
     * every {@code switchMillis}; returns its CPU (own and its programs'), wall time, peak RSS and frames read.
     */
    private static Measured runAgent(Path dir, Display display, IngestBench.Server server, int interval, int seconds,
            List<String> windows, long switchMillis) throws Exception {
        Files.createDirectories(dir);
        Path key = dir.resolve("agent.key");
        Files.writeString(key, IngestBench.KEY);
        Path config = dir.resolve("agent.json");
        Files.writeString(config, "{\"server_url\": \"" + server.base() + "\", \"api_key_file\": \"" + key
                + "\", \"device_id\": \"bench\", \"state_dir\": \"" + dir.resolve("state") + "\", \"plugins\": "
                + "{\"openclone-linux-screen\": {\"interval_seconds\": " + interval + ", \"resend_after_seconds\": "
                + "1}}}");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp",
                System.getProperty("java.class.path"), "dev.openclone.agent.Main", "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        builder.environment().put("DISPLAY", display.name);
        display.activate(windows.get(0));
        Process agent = builder.start();
        // The JVM's start and the first look are not counted: from the end of the first read on.
        Path statusFile = dir.resolve("state/status.json");
        while (agent.isAlive() && ocrRuns(statusFile) < 1) {
            Thread.sleep(50);
        }
        long started = System.nanoTime();
        double cpu0 = cpuSeconds(agent.pid());
        long runs0 = ocrRuns(statusFile);
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        int next = 1;
        long peak = 0;
        double cpu = 0;
        while (System.nanoTime() < deadline && agent.isAlive()) {
            display.activate(windows.get(next++ % windows.size()));
            long until = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(switchMillis));
            while (System.nanoTime() < until && agent.isAlive()) {
                Thread.sleep(Math.min(500, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                peak = Math.max(peak, peakRss(agent.pid()));
                cpu = Math.max(cpu, cpuSeconds(agent.pid()));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        long runs = ocrRuns(statusFile) - runs0;
        agent.destroy();
        agent.waitFor(30, TimeUnit.SECONDS);
        return new Measured(cpu - cpu0, wall, peak, runs);
    }

    private static long ocrRuns(Path statusFile) {
        try {
            return Files.exists(statusFile) ? JSON.readTree(statusFile.toFile()).at("/plugins/0/counters/ocr_runs")
                    .asLong() : 0;
        } catch (IOException torn) {
            return 0;
        }
    }

    /** The agent's CPU seconds, its own and its ended children's (tesseract, xprop…), from /proc/PID/stat. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return ticks / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended
        }
        return 0;
    }

    /**
     * Word error rate of the English windows' entries and character error rate of the Japanese ones: each entry
     * that arrived against the text of the window it names (its title), summed over all entries.
     */
    private static double[] errorRates(IngestBench.Server server, Map<String, String> textByTitle) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base()
                + "/api/v1/timeline?date=" + LocalDate.now(ZoneOffset.UTC) + "&source_type=screen_ocr&limit=10000"))
                .header("X-API-Key", IngestBench.KEY).build(), HttpResponse.BodyHandlers.ofString());
        long[] en = new long[2];
        long[] ja = new long[2];
        for (JsonNode event : JSON.readTree(answer.body()).get("events")) {
            String expected = textByTitle.get(event.at("/data/window_title").asText());
            if (expected == null) {
                continue;
            }
            String got = event.at("/data/text").asText();
            boolean japanese = expected.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN);
            List<String> want = japanese ? chars(expected) : words(expected);
            long[] sums = japanese ? ja : en;
            long errors = distance(want, japanese ? chars(got) : words(got));
            if (errors > 0) {
                // The texts are the benchmark's own: showing what was misread helps tune the OCR.
                System.out.printf("misread %d of %d in %s: %s%n", errors, want.size(),
                        event.at("/data/window_title").asText(), got.replace('\n', '|'));
            }
            sums[0] += errors;
            sums[1] += want.size();
        }
        return new double[] {(double) en[0] / Math.max(1, en[1]), (double) ja[0] / Math.max(1, ja[1])};
    }

    static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}.]+", " ").strip().split(" +"));
    }

    static List<String> chars(String text) {
        List<String> chars = new ArrayList<>();
        text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(c -> chars.add(Character.toString(c)));
        return chars;
    }

    /** Levenshtein distance over tokens. */
    static long distance(List<String> a, List<String> b) {
        long[] previous = new long[b.size() + 1];
        long[] current = new long[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                long substitute = previous[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            long[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    /** Xvfb, openbox and xterm windows, as the screen tests use them. */
    static final class Display implements AutoCloseable {
        final String name;
        private final Path dir;
        private final List<Process> processes = new ArrayList<>();

        private Display(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        static Display start(Path dir) throws Exception {
            Files.createDirectories(dir);
            for (int number = 450 + (int) (ProcessHandle.current().pid() % 50); number < 600; number++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + number)) || Files.exists(Path.of("/tmp/.X" + number
                        + "-lock"))) {
                    continue;
                }
                Display display = new Display(":" + number, dir);
                display.spawn(List.of("Xvfb", ":" + number, "-screen", "0", "1280x800x24", "-nolisten", "tcp"));
                for (int tries = 0; tries < 100; tries++) {
                    if (display.run("xprop", "-root", "_NET_SUPPORTED").exitCode == 0 || tries > 20
                            && display.run("xdpyinfo").exitCode == 0) {
                        display.spawn(List.of("openbox"));
                        Thread.sleep(700);
                        return display;
                    }
                    Thread.sleep(100);
                }
                display.close();
            }
            throw new IOException("no free X display (is Xvfb installed? backend/src/test/screen/install.sh)");
        }

        /** An xterm of class {@code app} showing {@code text}; returns its window id. */
        String terminal(String app, String title, String text) throws Exception {
            Path file = Files.createTempFile(dir, "window", ".txt");
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
            spawn(List.of("xterm", "-class", app, "-T", title, "-fa", "DejaVu Sans Mono", "-fs", "12",
                    "-geometry", "90x14+40+40", "-e", "sh", "-c", "cat '" + file + "'; exec sleep 36000"));
            return await(title);
        }

        /** A Swing window ({@link TextWindow}) showing {@code text} in {@code font}; returns its window id. */
        String application(String title, String text, String font) throws Exception {
            Path file = Files.createTempFile(dir, "window", ".txt");
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
            spawn(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    TextWindow.class.getName(), title, file.toString(), font));
            return await(title);
        }

        private String await(String title) throws Exception {
            for (int tries = 0; tries < 200; tries++) {
                String found = run("xdotool", "search", "--name", "^" + title.replace(".", "\\.") + "$")
                        .out.strip();
                if (!found.isEmpty()) {
                    return found.lines().reduce((a, b) -> b).orElseThrow();
                }
                Thread.sleep(100);
            }
            throw new IOException("the window " + title + " did not appear");
        }

        void activate(String id) throws Exception {
            run("xdotool", "windowactivate", "--sync", id);
            run("xdotool", "mousemove", "--window", id, "10", "10");
        }

        record Ran(int exitCode, String out) {
        }

        Ran run(String... command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DISPLAY", name);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return new Ran(process.exitValue(), out);
        }

        private Process spawn(List<String> command) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("process" + processes.size() + ".log").toFile());
            builder.environment().put("DISPLAY", name);
            builder.environment().put("LC_ALL", "C.UTF-8");
            Process process = builder.start();
            processes.add(process);
            return process;
        }

        @Override
        public void close() throws InterruptedException {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).descendants().forEach(ProcessHandle::destroy);
                processes.get(i).destroy();
                processes.get(i).waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
