package dev.openclone.voicejournal;

import dev.openclone.agent.CaptureException;
import dev.openclone.linuxaudio.Commands;
import dev.openclone.linuxaudio.Transcriber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A journal entry being spoken: a PulseAudio (or PipeWire) source recorded with {@code parec} through a pipe, cut
 * into pieces as it goes and transcribed on a second thread meanwhile, so that little is left to do when it stops.
 * Memory: the open piece and at most {@value #QUEUE} waiting ones (4 minutes); if transcription falls that far
 * behind, the recording stops by itself and says why.
 */
public final class LiveRecording {

    static final int QUEUE = 8;
    private static final short[] END = new short[0];

    /** Told ten times a second how long it has been recording and how loud it is (0 silent … 1 full scale). */
    public interface Meter {
        void show(double seconds, double level);
    }

    private final Process parec;
    private final Chunker chunker = new Chunker();
    private final Transcription transcription;
    private final BlockingQueue<short[]> pieces = new ArrayBlockingQueue<>(QUEUE + 1);
    private final Instant started;
    private final Thread reader;
    private final Thread worker;
    private volatile String problem;
    private volatile boolean ended;
    private volatile boolean stopping;

    private LiveRecording(Process parec, Transcriber transcriber, Meter meter) {
        this.parec = parec;
        this.transcription = new Transcription(transcriber);
        this.started = Instant.now();
        this.reader = new Thread(() -> read(meter), "journal-recorder");
        this.worker = new Thread(this::transcribe, "journal-transcriber");
        reader.setDaemon(true);
        worker.setDaemon(true);
    }

    /**
     * Starts recording {@code source} ({@code @DEFAULT_SOURCE@}: the default microphone).
     *
     * @throws CaptureException parec missing or not startable: one line
     */
    public static LiveRecording start(String parecCommand, String source, Transcriber transcriber, Meter meter)
            throws CaptureException {
        if (!Commands.onPath(parecCommand)) {
            throw new CaptureException(parecCommand + " is not installed: run plugins/openclone-voice-journal/"
                    + "install.sh (Debian: apt-get install pulseaudio-utils)");
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(parecCommand, "--device=" + source, "--format=s16le",
                    "--rate=" + Transcriber.SAMPLE_RATE, "--channels=1", "--raw", "--latency-msec=100"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + parecCommand + ": " + e.getMessage(), e);
        }
        LiveRecording recording = new LiveRecording(process, transcriber, meter);
        recording.reader.start();
        recording.worker.start();
        return recording;
    }

    /** Whether the recording ended by itself (the sound server went away, transcription fell behind). */
    public boolean ended() {
        return ended;
    }

    /** Why it ended by itself, or null. */
    public String problem() {
        return problem;
    }

    /**
     * Stops recording, transcribes what is left and returns the entry, at the time recording began, titled
     * {@code title} (may be empty).
     */
    public Transcribed stop(String title) throws InterruptedException {
        stopping = true;
        parec.destroy();
        if (!parec.waitFor(5, TimeUnit.SECONDS)) {
            parec.destroyForcibly();
        }
        reader.join(10_000);
        worker.join();
        String text = transcription.text();
        JournalEntry entry = text.isBlank() ? null : new JournalEntry(started, chunker.seconds(), text, title,
                "journal-rec-" + started.toEpochMilli());
        return new Transcribed(entry, chunker.seconds(), transcription.pieces(), transcription.failed(),
                problem != null ? problem : transcription.lastFailure());
    }

    private void read(Meter meter) {
        byte[] bytes = new byte[Transcriber.SAMPLE_RATE / 10 * 2];
        short[] samples = new short[bytes.length / 2];
        try (InputStream in = parec.getInputStream()) {
            int n;
            while (!ended && (n = in.readNBytes(bytes, 0, bytes.length)) > 0) {
                int count = n / 2;
                ByteBuffer.wrap(bytes, 0, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, 0,
                        count);
                for (short[] piece : chunker.feed(samples, count)) {
                    if (!ended && !pieces.offer(piece)) {
                        problem = "transcription fell " + QUEUE * 30 / 60 + " minutes behind the recording, so it "
                                + "stopped (a faster engine or model keeps up)";
                        ended = true;
                    }
                }
                meter.show(chunker.seconds(), level(samples, count));
            }
        } catch (IOException e) {
            if (!stopping) {
                problem = "reading the recording failed: " + e.getMessage();
            } // else: stopped while reading, which is how it ends
        } finally {
            if (!stopping) {
                ended = true;
                if (problem == null && exitValue() > 0) {
                    problem = "parec stopped (exit " + exitValue() + "): is the sound server running, and is there "
                            + "a microphone (pactl list sources short)?";
                }
            }
            try {
                for (short[] piece : chunker.finish()) {
                    pieces.put(piece);
                }
                pieces.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.interrupt();
            }
        }
    }

    private int exitValue() {
        try {
            parec.waitFor(1, TimeUnit.SECONDS);
            return parec.exitValue();
        } catch (IllegalThreadStateException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void transcribe() {
        while (true) {
            short[] piece;
            try {
                piece = pieces.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (piece == END) {
                return;
            }
            transcription.add(piece);
        }
    }

    /** 0 for silence (−60 dBFS or less) to 1 at full scale, on a decibel scale. */
    static double level(short[] samples, int n) {
        double rms = Chunker.rms(samples, 0, n);
        double db = rms <= 0 ? -120 : 20 * Math.log10(rms / 32768.0);
        return Math.max(0, Math.min(1, (db + 60) / 60));
    }
}
