package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.linuxaudio.WordErrors;
import dev.openclone.support.AgentConfigFile;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.Cli;
import dev.openclone.support.PulseAudio;
import dev.openclone.support.TestServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice Journal end to end against a real server: {@code openclone journal import} of each format, {@code journal
 * record} from a PulseAudio source that hears Debian's pocketsphinx test speech, and the capture agent's watched
 * folder. Entries are checked in the vault's Journal/ files and the timeline, at the recordings' own times.
 */
class VoiceJournalTest {

    private static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    private static final Map<String, String> SAID = Map.of(
            "0880", "he was not an ill disposed young man",
            "0890", "unless to be rather cold hearted and rather selfish is to be ill disposed",
            "0920", "had he married a more a amiable woman he might have been made still more respectable than he "
                    + "was");
    /** pocketsphinx's word error rate on these clips is about 37% (Debian's own measurement); the bound: 50%. */
    private static final double MAX_WER = 0.5;

    @TempDir
    Path dir;

    @Test
    void importingEachFormatWritesAnEntryAtTheRecordingsTimeOnceAndSaysWhyAFileIsLeftOut() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Path memos = Files.createDirectories(dir.resolve("memos"));
            List<String> formats = List.of("wav", "ogg", "mp3", "m4a");
            List<String> clips = List.of("0920", "0890", "0880", "0920");
            List<String> args = new ArrayList<>(List.of("journal", "import"));
            for (int i = 0; i < formats.size(); i++) {
                Path file = memos.resolve("Walk_" + (i + 1) + "." + formats.get(i));
                encode(clip(clips.get(i)), file);
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-28T06:05:00Z")
                        .plus(Duration.ofMinutes(15L * i))));
                args.add(file.toString());
            }
            Cli.Result result = Cli.run(dir, env(server), args);
            assertThat(result.code()).as(result.stderr()).isZero();
            assertThat(result.stdout().lines()).hasSize(4).allMatch(l -> l.contains("→ Journal/2026-11-28.md"));

            String day = server.file("Journal/2026-11-28.md");
            for (int i = 0; i < formats.size(); i++) {
                assertThat(day).contains(String.format("### %s · Walk %d", List.of("06:05", "06:20", "06:35",
                        "06:50").get(i), i + 1));
            }
            assertThat(day).contains("Duration: 6.1 s", "Plugin: openclone-voice-journal");
            List<JsonNode> entries = journal(server, "2026-11-28");
            assertThat(entries).hasSize(4);
            for (int i = 0; i < formats.size(); i++) {
                JsonNode entry = entries.get(i);
                assertThat(entry.path("timestamp").asDouble()).isEqualTo(Instant.parse("2026-11-28T06:05:00Z")
                        .plus(Duration.ofMinutes(15L * i)).getEpochSecond());
                String heard = entry.at("/data/text").asText();
                assertThat(WordErrors.rate(SAID.get(clips.get(i)), heard)).as("%s heard: %s",
                        formats.get(i), heard).isLessThanOrEqualTo(MAX_WER);
            }

            // the same recording again, under another name: stored once
            Path copy = Files.copy(memos.resolve("Walk_1.wav"), memos.resolve("copy.wav"));
            Cli.Result again = Cli.run(dir, env(server), List.of("journal", "import", copy.toString()));
            assertThat(again.code()).isZero();
            assertThat(again.stdout()).contains("not stored again");
            assertThat(journal(server, "2026-11-28")).hasSize(4);

            // a file that is not audio and a silent one: each says why, the good one beside them is saved
            Path notAudio = Files.writeString(memos.resolve("memo.m4a"), "<html>404</html>");
            Path silence = memos.resolve("silence.ogg");
            run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
                    "-t", "3", silence.toString());
            Path good = memos.resolve("Evening.mp3");
            encode(clip("0890"), good);
            Cli.Result mixed = Cli.run(dir, env(server), List.of("journal", "import", notAudio.toString(),
                    silence.toString(), good.toString()));
            assertThat(mixed.code()).isEqualTo(1);
            assertThat(mixed.stderr()).contains("openclone: memo.m4a could not be decoded as audio",
                    "openclone: silence.ogg: no words recognised in 3.0 s; nothing saved").doesNotContain("\tat ");
            assertThat(mixed.stdout()).contains("Evening.mp3: ");
            assertThat(server.file("Journal/" + LocalDate.now(ZoneOffset.UTC) + ".md")).contains("· Evening");

            // a folder stands for the recordings in it
            Path synced = Files.createDirectories(dir.resolve("synced"));
            encode(clip("0880"), synced.resolve("Lunch.ogg"));
            Files.writeString(synced.resolve("readme.txt"), "not a recording");
            Cli.Result folder = Cli.run(dir, env(server), List.of("journal", "import", synced.toString()));
            assertThat(folder.code()).as(folder.stderr()).isZero();
            assertThat(folder.stdout().lines()).hasSize(1).allMatch(l -> l.startsWith("Lunch.ogg: "));
            Cli.run(dir, env(server), List.of("journal", "import", Files.createDirectories(dir.resolve("none"))
                    .toString())).saysOneLine(dir.resolve("none") + ": no recordings in this folder");
        }
    }

    @Test
    void aWhisperModelThatIsMissingOrBrokenIsOneLine() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Path wav = clip("0880");
            Cli.run(dir, env(server), List.of("journal", "import", "--engine", "whisper", wav.toString()))
                    .saysOneLine("engine \"whisper\" needs --model");
            Cli.run(dir, env(server), List.of("journal", "import", "--engine", "whisper", "--model",
                    dir.resolve("ggml-base.en.bin").toString(), wav.toString()))
                    .saysOneLine("the Whisper model " + dir.resolve("ggml-base.en.bin") + " does not exist (--model)");
            Path html = Files.writeString(dir.resolve("ggml-small.bin"), "<html>404 Not Found</html>");
            Cli.run(dir, env(server), List.of("journal", "import", "--engine", "whisper", "--model", html.toString(),
                    wav.toString())).saysOneLine("the Whisper model " + html + " is not a ggml model file");
            byte[] truncated = new byte[4096];
            System.arraycopy("lmgg".getBytes(StandardCharsets.US_ASCII), 0, truncated, 0, 4);
            Path broken = Files.write(dir.resolve("ggml-tiny.bin"), truncated);
            Cli.Result result = Cli.run(dir, env(server), List.of("journal", "import", "--engine", "whisper",
                    "--model", broken.toString(), wav.toString()));
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.stderr()).contains("openclone: Whisper could not load " + broken)
                    .doesNotContain("Exception", "\tat ");
            Cli.run(dir, env(server), List.of("journal", "import", "--engine", "vosk", wav.toString()))
                    .saysOneLine("--engine must be \"pocketsphinx\" or \"whisper\", not \"vosk\"");
            assertThat(server.file("Journal/" + LocalDate.now(ZoneOffset.UTC) + ".md")).isEmpty();
        }
    }

    @Test
    void recordingAtTheTerminalSavesWhatTheMicrophoneHeardWhenEnterIsPressed() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server")); PulseAudio pulse = PulseAudio.start(dir)) {
            // the "microphone" is the null sink's monitor: what is played into the sink is what it hears
            assertThat(pulse.run("pactl", "set-default-source", "openclone_test.monitor")).isZero();
            Instant began = Instant.now();
            ProcessBuilder builder = Cli.builder(dir, List.of("journal", "record", "--title", "Evening walk", "--for",
                    "60s"));
            builder.environment().putAll(env(server));
            builder.environment().putAll(pulse.env());
            Path out = dir.resolve("record.out");
            Path err = dir.resolve("record.err");
            Process record = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            awaitText(err, "press Enter", 30);
            Thread.sleep(500); // parec has just connected
            pulse.play(clip("0920"), "Test speech");
            Thread.sleep(1000);
            try (OutputStream keyboard = record.getOutputStream()) {
                keyboard.write('\n');
            }
            assertThat(record.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
            assertThat(record.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(out)).contains("→ Journal/");

            List<JsonNode> entries = journal(server, LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(entries).hasSize(1);
            JsonNode entry = entries.get(0);
            String heard = entry.at("/data/text").asText();
            assertThat(WordErrors.rate(SAID.get("0920"), heard)).as("heard: %s", heard)
                    .isLessThanOrEqualTo(MAX_WER);
            assertThat(entry.at("/data/title").asText()).isEqualTo("Evening walk");
            assertThat(entry.at("/data/duration").asDouble()).isBetween(6.0, 30.0);
            assertThat(Duration.between(began, Instant.ofEpochMilli(Math.round(entry.path("timestamp").asDouble()
                    * 1000))).abs()).isLessThan(Duration.ofSeconds(20));
            assertThat(server.file("Journal/" + LocalDate.now(ZoneOffset.UTC) + ".md")).contains("· Evening walk");
        }
    }

    @Test
    void theAgentTurnsRecordingsInItsFolderIntoEntriesAndAChangedRecordingReplacesItsEntry() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Path memos = dir.resolve("Phone memos"); // made by the plugin
            Path config = agentConfig(server, memos);
            Instant at = Instant.parse("2026-11-29T07:45:00Z");
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run"), Map.of(), "--config",
                    config.toString())) {
                awaitDirectory(memos, agent);
                Path memo = memos.resolve("Shopping list.m4a");
                encode(clip("0880"), memo);
                Files.setLastModifiedTime(memo, FileTime.from(at));
                Path silence = memos.resolve("pocket.wav");
                run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "anullsrc=r=16000:cl=mono", "-t", "3", silence.toString());
                Files.setLastModifiedTime(silence, FileTime.from(at));
                JsonNode first = awaitJournal(server, "2026-11-29", e -> true, agent);
                assertThat(first.path("timestamp").asDouble()).isEqualTo(at.getEpochSecond());
                assertThat(first.at("/data/title").asText()).isEqualTo("Shopping list");
                assertThat(WordErrors.rate(SAID.get("0880"), first.at("/data/text").asText()))
                        .isLessThanOrEqualTo(MAX_WER);
                assertThat(server.file("Journal/2026-11-29.md")).contains("### 07:45 · Shopping list");

                // trimmed on the phone and synced again: the new recording replaces the entry
                Path edited = dir.resolve("edited.m4a");
                encode(clip("0890"), edited);
                Files.copy(edited, memo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(memo, FileTime.from(at.plusSeconds(60)));
                JsonNode second = awaitJournal(server, "2026-11-29", e -> e.path("time").asText().equals("07:46"),
                        agent);
                assertThat(WordErrors.rate(SAID.get("0890"), second.at("/data/text").asText()))
                        .isLessThanOrEqualTo(MAX_WER);
                assertThat(journal(server, "2026-11-29")).hasSize(1);
                assertThat(server.file("Journal/2026-11-29.md")).doesNotContain("### 07:45").contains("### 07:46");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!Files.readString(dir.resolve("state/status.json")).contains("no_words")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(Files.readString(dir.resolve("state/status.json"))).contains("no_words", "recordings");
            }
            // the folder is as it was: read, never moved or deleted; nothing of the audio in the agent's state
            try (var files = Files.list(memos)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Shopping list.m4a",
                        "pocket.wav");
            }
            try (var state = Files.walk(dir.resolve("state"))) {
                List<Path> files = state.filter(Files::isRegularFile).toList();
                for (Path file : files) {
                    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                            .doesNotContain("RIFF", "ftyp");
                }
            }
        }
    }

    private static Path clip(String id) {
        return LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-" + id + ".wav");
    }

    /** {@code from} encoded as {@code to}'s ending says, at 64 kbit/s (a phone's memo app records at 64 or more). */
    private static void encode(Path from, Path to) throws Exception {
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", from.toString(), "-b:a", "64k", to.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static Map<String, String> env(TestServer server) {
        return Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY", TestServer.KEY);
    }

    /** The journal events of a day, in time order. */
    private static List<JsonNode> journal(TestServer server, String date) throws Exception {
        JsonNode answer = server.http().get("/api/v1/timeline?source_type=journal&limit=1000&date=" + date,
                TestServer.KEY).json();
        List<JsonNode> events = new ArrayList<>();
        answer.get("events").forEach(events::add);
        return events;
    }

    private static JsonNode awaitJournal(TestServer server, String date, java.util.function.Predicate<JsonNode> which,
            AgentProcess agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : journal(server, date)) {
                if (which.test(event)) {
                    return event;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such journal entry on " + date + ": " + journal(server, date) + "; agent: "
                + agent.stderr());
    }

    private static void awaitDirectory(Path folder, AgentProcess agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.isDirectory(folder)) {
            assertThat(System.nanoTime() < deadline && agent.isAlive()).as(agent.stderr()).isTrue();
            Thread.sleep(100);
        }
    }

    private static void awaitText(Path file, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!Files.readString(file).contains(text)) {
            assertThat(System.nanoTime() < deadline).as(Files.readString(file)).isTrue();
            Thread.sleep(100);
        }
    }

    private Path agentConfig(TestServer server, Path folder) throws Exception {
        return AgentConfigFile.write(dir, server, dir.resolve("state"), "openclone-voice-journal",
                settings -> settings.put("interval_seconds", 1).put("folder", folder.toString()));
    }
}
