package dev.openclone.bench;

import dev.openclone.linuxaudio.WordErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Audio benchmark. First each engine on Debian's pocketsphinx test clips (librivox): real-time factor (processing
 * time over audio time) and word error rate against their transcription; Whisper only with a model named by
 * {@code WHISPER_MODEL} (none can be downloaded here). Then the capture agent with Linux Audio on a PulseAudio null
 * sink of its own: CPU while it hears silence, CPU while the clips play in a loop, peak RSS. Last line: JSON.
 * Usage: {@code AudioBench [SECONDS]} (each agent phase; default 30).
 */
public final class AudioBench {

    private static final Path CLIPS = Path.of("/usr/share/pocketsphinx/test/data/librivox");

    private AudioBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Map<String, String> said = transcription();
        double audio = 0;
        double busy = 0;
        int errors = 0;
        int words = 0;
        for (Map.Entry<String, String> clip : said.entrySet()) {
            Path wav = CLIPS.resolve(clip.getKey() + ".wav");
            byte[] pcm = Files.readAllBytes(wav);
            pcm = Arrays.copyOfRange(pcm, 44, pcm.length);
            long start = System.nanoTime();
            String heard = pocketsphinx(pcm);
            busy += (System.nanoTime() - start) / 1e9;
            audio += pcm.length / 32_000.0;
            errors += WordErrors.edits(clip.getValue(), heard);
            words += WordErrors.words(clip.getValue()).size();
            System.out.printf("%s: %.1f s of audio, heard \"%s\"%n", clip.getKey(), pcm.length / 32_000.0, heard);
        }
        double rtf = busy / audio;
        double wer = errors / (double) words;
        String whisper = System.getenv().getOrDefault("WHISPER_MODEL", "");
        System.out.printf("pocketsphinx: real-time factor %.2f, word error rate %.1f%% (%d clips, %.1f s)%n", rtf,
                100 * wer, said.size(), audio);

        Path work = Files.createTempDirectory("openclone-audio-bench");
        try (IngestBench.Server server = IngestBench.Server.start(work.resolve("server"));
                Pulse pulse = Pulse.start(work)) {
            Path config = work.resolve("agent.json");
            Files.writeString(config, "{\"server_url\": \"" + server.base() + "\", \"api_key\": \"" + IngestBench.KEY
                    + "\", \"device_id\": \"bench\", \"state_dir\": \"" + work.resolve("state") + "\", \"plugins\": "
                    + "{\"openclone-linux-audio\": {\"interval_seconds\": 5}}}");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp",
                    System.getProperty("java.class.path"), "dev.openclone.agent.Main", "--config", config.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("agent.log").toFile());
            builder.environment().putAll(pulse.env());
            Process agent = builder.start();
            Thread.sleep(5000); // start-up, not counted
            double cpu0 = CaptureBench.cpuSeconds(agent.pid());
            Thread.sleep(seconds * 1000L);
            double idle = (CaptureBench.cpuSeconds(agent.pid()) - cpu0) / seconds;
            double cpu1 = CaptureBench.cpuSeconds(agent.pid());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long started = System.nanoTime();
            while (System.nanoTime() < until) {
                for (String clip : said.keySet()) {
                    pulse.play(CLIPS.resolve(clip + ".wav"));
                    if (System.nanoTime() >= until) {
                        break;
                    }
                }
            }
            Thread.sleep(6000); // the last segments transcribed
            double playing = (CaptureBench.cpuSeconds(agent.pid()) - cpu1) / ((System.nanoTime() - started) / 1e9);
            long rss = CaptureBench.peakRss(agent.pid());
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
            System.out.printf("agent: %.2f%% of a core on silence, %.1f%% while speech plays, peak RSS %d MB%n",
                    100 * idle, 100 * playing, rss / 1024);
            System.out.printf(Locale.ROOT, "{\"bench\": \"audio\", \"pocketsphinx_rtf\": %.3f, \"pocketsphinx_wer\": "
                    + "%.3f, \"whisper\": %s, \"idle_cpu_pct\": %.2f, \"speech_cpu_pct\": %.1f, \"peak_rss_mb\": %d}%n",
                    rtf, wer, whisper.isEmpty() ? "\"not measured: no model here (set WHISPER_MODEL)\"" : "\"model "
                    + Path.of(whisper).getFileName() + ": not measured by this version\"", 100 * idle, 100 * playing,
                    rss / 1024);
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, String> transcription() throws IOException {
        Map<String, String> said = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CLIPS.resolve("transcription"))) {
            int open = line.lastIndexOf('(');
            said.put(line.substring(open + 1, line.lastIndexOf(')')), line.substring(0, open)
                    .replace("<s>", "").replace("</s>", "").strip());
        }
        return said;
    }

    private static String pocketsphinx(byte[] pcm) throws Exception {
        Process process = new ProcessBuilder("pocketsphinx_continuous", "-infile", "/dev/stdin", "-samprate", "16000",
                "-logfn", "/dev/null").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(pcm);
            } catch (IOException ignored) {
                // the recogniser stopped reading
            }
        });
        writer.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        writer.join();
        return String.join(" ", out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    /** A PulseAudio server of the bench's own with a null sink as the default. */
    private static final class Pulse implements AutoCloseable {
        private final Process server;
        private final Path runtime;

        private Pulse(Process server, Path runtime) {
            this.server = server;
            this.runtime = runtime;
        }

        static Pulse start(Path work) throws Exception {
            Path runtime = Files.createDirectories(work.resolve("pulse"));
            Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwx------"));
            ProcessBuilder builder = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                    "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=bench")
                    .redirectErrorStream(true).redirectOutput(work.resolve("pulse.log").toFile());
            builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
            Pulse pulse = new Pulse(builder.start(), runtime);
            for (int i = 0; i < 200 && pulse.run("pactl", "info") != 0; i++) {
                Thread.sleep(100);
            }
            pulse.run("pactl", "set-default-sink", "bench");
            return pulse;
        }

        Map<String, String> env() {
            return Map.of("XDG_RUNTIME_DIR", runtime.toString(), "PULSE_SERVER", "unix:" + runtime.resolve("pulse")
                    .resolve("native"));
        }

        void play(Path wav) throws Exception {
            run("paplay", "--property=application.name=Bench", wav.toString());
        }

        int run(String... command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env());
            Process process = builder.start();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }

        @Override
        public void close() throws InterruptedException {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
