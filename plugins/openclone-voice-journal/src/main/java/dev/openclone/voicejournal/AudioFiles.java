package dev.openclone.voicejournal;

import dev.openclone.agent.CaptureException;
import dev.openclone.linuxaudio.Commands;
import dev.openclone.linuxaudio.Transcriber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Recordings in files: decoded by ffmpeg (wav, ogg, opus, mp3, m4a, aac, flac, amr, webm…) to 16 kHz mono samples
 * through a pipe — never a decoded copy on disk — and transcribed piece by piece as they arrive, so memory holds
 * at most one 30 s piece.
 */
public final class AudioFiles {

    /** The endings of the files a watched folder reads (import takes any file ffmpeg can decode). */
    public static final Set<String> EXTENSIONS = Set.of("wav", "ogg", "oga", "opus", "mp3", "m4a", "mp4", "aac",
            "flac", "amr", "3gp", "webm", "wma");
    /** Recording times before this are a container's empty field, not a time. */
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private AudioFiles() {
    }

    /** Whether a file's name ends as a recording's does. */
    public static boolean looksLikeAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One line saying what to install when {@code ffmpeg} is missing, else empty. */
    public static Optional<String> missingDecoder(String ffmpeg) {
        return Commands.onPath(ffmpeg) ? Optional.empty() : Optional.of(ffmpeg + " is not installed: run "
                + "plugins/openclone-voice-journal/install.sh (Debian: apt-get install ffmpeg)");
    }

    /**
     * Decodes and transcribes {@code file}: its entry is at the recording's own time ({@link #recordedAt}), titled
     * with the file's name, its raw_ref made from its content (the same recording imported twice, or renamed, is
     * stored once).
     *
     * @param keepGoing asked between pieces; false stops early (the agent paused) with a CaptureException
     * @throws CaptureException ffmpeg missing, the file unreadable or not audio: one line
     */
    public static Transcribed transcribe(Path file, String ffmpeg, Transcriber transcriber, BooleanSupplier keepGoing)
            throws CaptureException {
        if (!Files.isRegularFile(file)) {
            throw new CaptureException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new CaptureException(file + ": not readable");
        }
        return transcribe(file, rawRef(file), ffmpeg, transcriber, keepGoing);
    }

    /** The same, for a file whose {@link #rawRef} the caller has already made (it reads the whole file). */
    static Transcribed transcribe(Path file, String rawRef, String ffmpeg, Transcriber transcriber,
            BooleanSupplier keepGoing) throws CaptureException {
        Instant at = recordedAt(file, ffmpeg);
        Chunker chunker = new Chunker();
        Transcription transcription = new Transcription(transcriber);
        decode(file, ffmpeg, (samples, n) -> {
            for (short[] piece : chunker.feed(samples, n)) {
                if (!keepGoing.getAsBoolean()) {
                    throw new CaptureException("stopped before the end of " + file.getFileName());
                }
                transcription.add(piece);
            }
        });
        chunker.finish().forEach(transcription::add);
        String text = transcription.text();
        JournalEntry entry = text.isBlank() ? null : new JournalEntry(at, chunker.seconds(), text, title(file),
                rawRef);
        return new Transcribed(entry, chunker.seconds(), transcription.pieces(), transcription.failed(),
                transcription.lastFailure());
    }

    /** Receives decoded samples, a tenth of a second at a time. */
    interface Samples {
        void accept(short[] samples, int n) throws CaptureException;
    }

    /** Runs ffmpeg on {@code file} and hands its samples over as they come. */
    static void decode(Path file, String ffmpeg, Samples sink) throws CaptureException {
        Optional<String> missing = missingDecoder(ffmpeg);
        if (missing.isPresent()) {
            throw new CaptureException(missing.get());
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i",
                    file.toAbsolutePath().toString(), "-vn", "-ac", "1", "-ar", String.valueOf(Transcriber.SAMPLE_RATE),
                    "-f", "s16le", "-")).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + ffmpeg + ": " + e.getMessage(), e);
        }
        String path = file.toAbsolutePath().toString();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> lastLine(process.getErrorStream())
                .replace(path + ": ", ""));
        byte[] bytes = new byte[Transcriber.SAMPLE_RATE / 10 * 2];
        short[] samples = new short[bytes.length / 2];
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            int n;
            while ((n = in.readNBytes(bytes, 0, bytes.length)) > 0) {
                int count = n / 2;
                ByteBuffer.wrap(bytes, 0, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, 0,
                        count);
                sink.accept(samples, count);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new CaptureException(ffmpeg + " did not finish with " + file.getFileName());
            }
            if (process.exitValue() != 0) {
                String why = errors.get(5, TimeUnit.SECONDS);
                throw new CaptureException(file.getFileName() + " could not be decoded as audio"
                        + (why.isEmpty() ? " (" + ffmpeg + " exit " + process.exitValue() + ")" : ": " + why));
            }
        } catch (IOException e) {
            throw new CaptureException("reading " + file.getFileName() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CaptureException(file.getFileName() + " could not be decoded as audio", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * When the recording began: the time its container says it was made ({@code creation_time}, as phones' voice
     * memo apps write it), else the file's last change (when the recorder finished writing it).
     */
    public static Instant recordedAt(Path file, String ffmpeg) throws CaptureException {
        Path decoder = Path.of(ffmpeg);
        String ffprobe = decoder.getParent() == null ? "ffprobe" : decoder.resolveSibling("ffprobe").toString();
        String out = Commands.onPath(ffprobe) ? Commands.output(List.of(ffprobe, "-v", "error", "-show_entries",
                "format_tags=creation_time:stream_tags=creation_time", "-of", "default=nw=1:nk=1",
                file.toAbsolutePath().toString())) : null;
        if (out != null) {
            for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                try {
                    Instant made = Instant.parse(line);
                    if (made.isAfter(EARLIEST) && made.isBefore(Instant.now().plusSeconds(86_400))) {
                        return made;
                    }
                } catch (DateTimeParseException e) {
                    // not a time: try the next, then the file's own
                }
            }
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new CaptureException(file + ": " + e.getMessage(), e);
        }
    }

    /** The raw_ref of a file's entry: made from its bytes, so a copy or a renamed file is the same recording. */
    public static String rawRef(Path file) throws CaptureException {
        return "journal-file-" + fingerprint(file);
    }

    /** The file's name without its ending, underscores as spaces. */
    static String title(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').strip();
    }

    /** The first 24 hex digits of the SHA-256 of the file's bytes. */
    static String fingerprint(Path file) throws CaptureException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (IOException e) {
            throw new CaptureException(file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastLine(InputStream errors) {
        try {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = errors.read(buffer)) > 0) {
                if (kept.size() < 4096) {
                    kept.write(buffer, 0, Math.min(n, 4096 - kept.size()));
                }
            }
            String text = kept.toString(StandardCharsets.UTF_8);
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
