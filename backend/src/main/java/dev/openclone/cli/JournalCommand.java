package dev.openclone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.agent.CaptureException;
import dev.openclone.linuxaudio.Commands;
import dev.openclone.linuxaudio.Transcriber;
import dev.openclone.voicejournal.AudioFiles;
import dev.openclone.voicejournal.JournalEntry;
import dev.openclone.voicejournal.LiveRecording;
import dev.openclone.voicejournal.Transcribed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openclone journal record} and {@code journal import FILE…}: spoken journal entries, transcribed on this
 * machine (the Voice Journal plugin's engines) and sent as {@code journal} events, each at the time it was
 * recorded. Audio stays in memory; only the text leaves.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = {"Spoken journal entries, transcribed into Journal/: record one now, or import recordings.",
            "A folder watched for recordings (a phone's voice memos) is the capture agent's:",
            "plugins/openclone-voice-journal/README.md."},
        subcommands = {JournalCommand.Record.class, JournalCommand.Import.class})
public final class JournalCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** The speech-to-text engine, as the plugin's config names it. */
    static final class EngineOptions {
        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "pocketsphinx",
                description = "pocketsphinx (US English, installed by the plugin's install.sh; the default) or "
                        + "whisper (with --model).")
        String engine;

        @Option(names = "--model", paramLabel = "FILE", defaultValue = "",
                description = "For whisper: a ggml model file, such as ~/models/ggml-base.en.bin.")
        String model;

        @Option(names = "--language", paramLabel = "LANG", defaultValue = "",
                description = "For whisper: the spoken language (en, de, ja…); default: detected.")
        String language;

        /**
         * The engine, or null after saying in one line why it cannot be used (naming this command's options rather
         * than the plugin's settings).
         */
        Transcriber openOrSay() {
            try {
                return Transcriber.open(engine, model, language, "pocketsphinx_continuous");
            } catch (CaptureException e) {
                System.err.println("openclone: " + e.getMessage().replace("\"model_path\"", "--model")
                        .replace("(model_path)", "(--model)").replace("engine must", "--engine must"));
                return null;
            }
        }
    }

    static final String SERVER_LINE = "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.";
    static final String KEY_LINE = "Key: API_KEY, else backend/.env.";

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Record a journal entry from the microphone until Enter or Ctrl-C (or --for), showing "
                + "the time and a level meter; transcribed as it records, then saved at the time it began.",
                "The audio is kept in memory only.", SERVER_LINE, KEY_LINE},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:saved", "1:the recording, the transcription or the server failed (the text, if any, "
                + "is printed)", "2:bad usage (engine, model, duration)", "3:no words were recognised: nothing saved"})
    static final class Record extends ClientCommand {

        @Mixin
        EngineOptions engine = new EngineOptions();

        @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "@DEFAULT_SOURCE@",
                description = "The PulseAudio/PipeWire source to record (default: the default microphone; "
                        + "pactl list sources short lists them).")
        String source;

        @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long: 90s, 5m, 1h.")
        String limit;

        @Option(names = "--title", paramLabel = "TITLE", defaultValue = "", description = "A title for the entry.")
        String title;

        @Override
        int run(ServerConnection server) throws Exception {
            Duration most;
            try {
                most = limit == null ? Duration.ofHours(4) : parse(limit);
            } catch (IllegalArgumentException e) {
                System.err.println("openclone: --for: " + e.getMessage());
                return 2;
            }
            ServerConnection.Answer policy = server.get("/api/v1/policy");
            if (policy.status() == 401 || policy.status() == 403) {
                System.err.println("openclone: the server refused the key (" + policy.status() + "): "
                        + policy.detail());
                return 1;
            }
            Transcriber transcriber = engine.openOrSay();
            if (transcriber == null) {
                return 2;
            }
            try (transcriber) {
                boolean terminal = System.console() != null;
                PrintStream meter = System.err;
                LiveRecording recording;
                try {
                    recording = LiveRecording.start("parec", source, transcriber, (seconds, level) -> {
                        if (terminal) {
                            meter.print("\r" + meterLine(seconds, level));
                            meter.flush();
                        }
                    });
                } catch (CaptureException e) {
                    System.err.println("openclone: " + e.getMessage());
                    return 1;
                }
                System.err.println("Recording " + sourceName() + " (" + transcriber.describe() + "): press Enter or "
                        + "Ctrl-C to stop.");
                waitForStop(recording, most);
                if (terminal) {
                    meter.print("\r\033[K");
                }
                System.err.println("Transcribing…");
                Transcribed heard = recording.stop(title.strip());
                if (recording.problem() != null) {
                    System.err.println("openclone: " + recording.problem());
                    if (heard.entry() == null) {
                        return 1;
                    }
                }
                return save(server, heard, null);
            }
        }

        /** The source by its name: the default one is named as the sound server calls it, when it says. */
        private String sourceName() {
            if (!source.equals("@DEFAULT_SOURCE@")) {
                return source;
            }
            String name = Commands.output(List.of("pactl", "get-default-source"));
            return name == null || name.isBlank() ? "the default microphone" : name.strip();
        }

        /** Until Enter, Ctrl-C, the time limit or the recording ending by itself. */
        private static void waitForStop(LiveRecording recording, Duration most) throws InterruptedException {
            CountDownLatch stop = new CountDownLatch(1);
            Thread keys = new Thread(() -> {
                try {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    if (in.readLine() != null) {
                        stop.countDown(); // Enter; at the end of input (none: a script) only the others stop it
                    }
                } catch (IOException e) {
                    // no keyboard: the others stop it
                }
            }, "journal-keys");
            keys.setDaemon(true);
            keys.start();
            Interrupt.onStop(stop::countDown);
            long deadline = System.nanoTime() + most.toNanos();
            while (!stop.await(100, TimeUnit.MILLISECONDS) && !recording.ended() && System.nanoTime() < deadline) {
                // recording
            }
        }

        static String meterLine(double seconds, double level) {
            int cells = 24;
            int lit = (int) Math.round(level * cells);
            long s = (long) seconds;
            return String.format(Locale.ROOT, "● %d:%02d:%02d  [%s%s]  ", s / 3600, s / 60 % 60, s % 60,
                    "#".repeat(lit), ".".repeat(cells - lit));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Transcribe recordings (wav, ogg, opus, mp3, m4a, flac… — whatever ffmpeg decodes) into "
                + "journal entries, each at the time it was recorded: the time the file says it was made, else its "
                + "last change. The same recording imported twice is stored once.", SERVER_LINE, KEY_LINE},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every file saved (or already in the vault)", "1:some file could not be read, "
                + "transcribed or saved (the others were)", "2:bad usage (engine, model, ffmpeg missing)",
                "3:in some file no words were recognised (nothing saved for it; the others were)"})
    static final class Import extends ClientCommand {

        @Mixin
        EngineOptions engine = new EngineOptions();

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "The recordings; a folder stands for the "
                + "recordings in it (by their endings: wav, ogg, opus, mp3, m4a, aac, flac, amr…).")
        List<Path> files;

        @Override
        int run(ServerConnection server) throws Exception {
            var missing = AudioFiles.missingDecoder("ffmpeg");
            if (missing.isPresent()) {
                System.err.println("openclone: " + missing.get());
                return 2;
            }
            List<Path> recordings = new ArrayList<>();
            for (Path given : files) {
                if (Files.isDirectory(given)) {
                    List<Path> inside;
                    try (Stream<Path> listed = Files.list(given)) {
                        inside = listed.filter(Files::isRegularFile).filter(AudioFiles::looksLikeAudio)
                                .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
                    }
                    if (inside.isEmpty()) {
                        System.err.println("openclone: " + given + ": no recordings in this folder (files ending "
                                + String.join(", ", AudioFiles.EXTENSIONS.stream().sorted().toList()) + ")");
                        return 2;
                    }
                    recordings.addAll(inside);
                } else if (Files.isRegularFile(given)) {
                    recordings.add(given);
                } else {
                    System.err.println("openclone: " + given + ": no such file");
                    return 2;
                }
            }
            Transcriber transcriber = engine.openOrSay();
            if (transcriber == null) {
                return 2;
            }
            int worst = 0;
            try (transcriber) {
                for (Path file : recordings) {
                    Transcribed heard;
                    try {
                        heard = AudioFiles.transcribe(file, "ffmpeg", transcriber, () -> true);
                    } catch (CaptureException e) {
                        System.err.println("openclone: " + e.getMessage());
                        worst = Math.max(worst, 1);
                        continue;
                    }
                    int code = save(server, heard, file);
                    worst = code == 1 || worst == 1 ? 1 : Math.max(worst, code);
                }
            }
            return worst;
        }
    }

    /** Sends the entry; says where it went (or, when it could not be saved, what was said, so nothing is lost). */
    static int save(ServerConnection server, Transcribed heard, Path file) throws InterruptedException {
        String name = file == null ? "" : file.getFileName() + ": ";
        if (heard.failedPieces() > 0) {
            System.err.println("openclone: " + name + heard.failedPieces() + " of " + heard.pieces()
                    + " pieces could not be transcribed (" + heard.failure() + ")");
        }
        JournalEntry entry = heard.entry();
        if (entry == null) {
            System.err.println("openclone: " + name + "no words recognised in " + seconds(heard.seconds())
                    + "; nothing saved");
            return heard.failedPieces() > 0 ? 1 : 3;
        }
        ObjectNode body = ServerConnection.JSON.createObjectNode();
        body.put("source_type", JournalEntry.SOURCE_TYPE);
        body.put("platform", NoteCommand.platform());
        body.put("device_id", NoteCommand.device());
        body.put("plugin_id", JournalEntry.PLUGIN_ID);
        body.put("plugin_version", JournalEntry.PLUGIN_VERSION);
        body.put("timestamp", System.currentTimeMillis() / 1000d);
        ObjectNode event = body.putArray("events").addObject();
        event.put("timestamp", entry.timestamp());
        event.put("raw_ref", entry.rawRef());
        event.set("data", ServerConnection.JSON.valueToTree(entry.data()));
        ServerConnection.Answer answer;
        try {
            answer = server.post("/api/v1/ingest", ServerConnection.JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            System.err.println("openclone: " + name + "not saved: " + e.getMessage() + ". What was said:");
            System.out.println(entry.text());
            return 1;
        }
        if (answer.status() != 200) {
            System.err.println("openclone: " + name + "refused (" + answer.status() + "): " + answer.detail()
                    + ". What was said:");
            System.out.println(entry.text());
            return 1;
        }
        String when = WHEN.format(entry.at().atZone(ZoneId.systemDefault()));
        if (answer.json().path("stored").asInt() == 0) {
            System.out.println(name + "not stored again: already in the vault, or left out by its exclusions ("
                    + seconds(entry.seconds()) + ", recorded " + when + ")");
        } else {
            System.out.println(name + seconds(entry.seconds()) + " recorded " + when + " → "
                    + answer.json().path("file").asText());
        }
        return 0;
    }

    static String seconds(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : s / 60 + " min " + s % 60 + " s";
    }

    static Duration parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(s|m|h)").matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("a duration such as 90s, 5m or 1h, not \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
