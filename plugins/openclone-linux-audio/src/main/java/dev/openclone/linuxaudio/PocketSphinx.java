package dev.openclone.linuxaudio;

import dev.openclone.agent.CaptureException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CMU pocketsphinx as Debian ships it ({@code pocketsphinx} + {@code pocketsphinx-en-us}): the samples go to
 * {@code pocketsphinx_continuous} through a pipe ({@code -infile /dev/stdin}), never a file; what it prints is the
 * text. US English only; it reports no confidence.
 */
final class PocketSphinx implements Transcriber {

    static final String PROGRAM = "pocketsphinx_continuous";
    static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");

    private final String program;

    private PocketSphinx(String program) {
        this.program = program;
    }

    static PocketSphinx start(String program) throws CaptureException {
        if (!Commands.onPath(program)) {
            throw new CaptureException(program + " is not installed: run plugins/openclone-linux-audio/install.sh "
                    + "(Debian: apt-get install pocketsphinx pocketsphinx-en-us)");
        }
        if (!Files.isDirectory(MODEL)) {
            throw new CaptureException("pocketsphinx's English model is missing (" + MODEL + "): apt-get install "
                    + "pocketsphinx-en-us");
        }
        return new PocketSphinx(program);
    }

    @Override
    public Transcript transcribe(short[] samples) throws CaptureException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(program, "-infile", "/dev/stdin", "-samprate",
                    String.valueOf(SAMPLE_RATE), "-logfn", "/dev/null")).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + program + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(samples);
            in.write(bytes.array());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new CaptureException(program + " stopped reading: " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(Math.max(30, samples.length / SAMPLE_RATE * 4L), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CaptureException(program + " took too long on a " + samples.length / SAMPLE_RATE
                        + " s segment");
            }
            String text = new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
            if (process.exitValue() != 0) {
                throw new CaptureException(program + " failed (exit " + process.exitValue() + ")");
            }
            return new Transcript(text, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new CaptureException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CaptureException(program + "'s output could not be read", e);
        }
    }

    @Override
    public String describe() {
        return "pocketsphinx (en-us)";
    }
}
