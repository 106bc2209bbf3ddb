package dev.openclone.linuxaudio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Records a PulseAudio (or PipeWire) source with {@code parec} — 16 kHz mono 16-bit, through a pipe — and cuts it
 * into speech segments as it goes. Audio lives only in memory: the open segment and at most
 * {@value #QUEUE} finished ones waiting to be transcribed (more are dropped and counted). While {@code allowed}
 * says no (the agent paused), what arrives is thrown away at once.
 */
final class Recorder implements AutoCloseable {

    static final int QUEUE = 8;

    /** A finished segment with the applications that were playing while it was heard. */
    record Heard(SpeechSegments.Segment segment, String apps) {
    }

    private final List<String> command;
    private final BooleanSupplier allowed;
    private final BlockingQueue<Heard> heard = new ArrayBlockingQueue<>(QUEUE);
    final AtomicInteger dropped = new AtomicInteger();
    final SpeechSegments segments = new SpeechSegments();
    private Process process;
    private Thread reader;
    private volatile String failure;

    private final boolean namesApps;
    /** Asks the sound server who plays; its one thread ends when idle for 5 s. */
    private final ExecutorService namer = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "audio-apps");
                thread.setDaemon(true);
                return thread;
            });

    Recorder(String parec, String source, BooleanSupplier allowed, boolean namesApps) {
        this.namesApps = namesApps;
        this.command = List.of(parec, "--device=" + source, "--format=s16le", "--rate=" + Transcriber.SAMPLE_RATE,
                "--channels=1", "--raw", "--latency-msec=200");
        this.allowed = allowed;
    }

    void start() throws IOException {
        failure = null;
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        reader = new Thread(this::read, "audio-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    /** Why the recording stopped by itself (the sound server went away), or null while it runs. */
    String failure() {
        return process != null && !process.isAlive() && failure == null ? "parec stopped (exit "
                + process.exitValue() + "): is the sound server running?" : failure;
    }

    /** The segments finished since the last call. */
    List<Heard> take() {
        List<Heard> out = new java.util.ArrayList<>();
        heard.drainTo(out);
        return out;
    }

    private void read() {
        byte[] bytes = new byte[Transcriber.SAMPLE_RATE / 10 * 2];
        short[] samples = new short[bytes.length / 2];
        long askedAt = 0;
        long namedAt = 0;
        Set<String> apps = new LinkedHashSet<>();
        CompletableFuture<String> naming = null; // a pactl call in flight, off this thread
        boolean ok = true;
        try (InputStream in = process.getInputStream()) {
            while (true) {
                int n = in.readNBytes(bytes, 0, bytes.length);
                if (n <= 0) {
                    return;
                }
                long now = System.currentTimeMillis();
                if (now - askedAt >= 1000) {
                    askedAt = now;
                    boolean was = ok;
                    ok = allowed.getAsBoolean();
                    if (was && !ok) {
                        segments.flush(); // paused: what was open is dropped, unheard
                        heard.clear();
                        apps.clear();
                    }
                }
                if (!ok) {
                    continue;
                }
                ByteBuffer.wrap(bytes, 0, n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, 0, n / 2);
                long start = now - (n / 2) * 1000L / Transcriber.SAMPLE_RATE;
                int closedBefore = segments.closed;
                List<SpeechSegments.Segment> finished = segments.feed(samples, n / 2, start);
                if (naming != null && naming.isDone()) {
                    if (segments.speaking() || !finished.isEmpty()) {
                        addNames(apps, naming.getNow(""));
                    }
                    naming = null;
                }
                for (SpeechSegments.Segment segment : finished) {
                    if (!heard.offer(new Heard(segment, String.join(", ", apps)))) {
                        dropped.incrementAndGet();
                    }
                    apps.clear();
                }
                if (segments.closed != closedBefore) {
                    apps.clear(); // music or a click ended: who played it is not who speaks next
                    namedAt = 0;
                }
                if (namesApps && naming == null && segments.speaking() && now - namedAt >= 1000) {
                    // who plays while it is heard (by the segment's end the app may have stopped), asked on another
                    // thread so that reading never waits (parec's buffer would overflow); during speech only, so
                    // silence costs no process a second
                    namedAt = now;
                    naming = CompletableFuture.supplyAsync(SinkInputs::playing, namer);
                }
            }
        } catch (IOException e) {
            failure = "reading from parec failed: " + e.getMessage();
        }
    }

    private static void addNames(Set<String> apps, String names) {
        for (String name : names.split(", ")) {
            if (!name.isBlank()) {
                apps.add(name);
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heard.clear();
    }
}
