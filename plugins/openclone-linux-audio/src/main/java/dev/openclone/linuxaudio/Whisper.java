package dev.openclone.linuxaudio;

import dev.openclone.agent.CaptureException;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whisper (whisper.cpp through whisper-jni, its native library bundled for Debian amd64) with a ggml model file the
 * user downloads (README: which size fits which machine). A missing or broken model is one line at start, never a
 * crash loop.
 */
final class Whisper implements Transcriber {

    private final WhisperJNI whisper;
    private final WhisperContext context;
    private final Path model;
    private final String language;

    private Whisper(WhisperJNI whisper, WhisperContext context, Path model, String language) {
        this.whisper = whisper;
        this.context = context;
        this.model = model;
        this.language = language;
    }

    static Whisper start(String modelPath, String language) throws CaptureException {
        if (modelPath.isBlank()) {
            throw new CaptureException("engine \"whisper\" needs \"model_path\": a ggml model file such as "
                    + "ggml-base.en.bin (README.md says where to get one)");
        }
        Path model = Path.of(modelPath.startsWith("~/") ? System.getProperty("user.home") + modelPath.substring(1)
                : modelPath);
        if (!Files.isRegularFile(model)) {
            throw new CaptureException("the Whisper model " + model + " does not exist (model_path): download a ggml "
                    + "model (README.md)");
        }
        if (!looksLikeGgml(model)) {
            throw new CaptureException("the Whisper model " + model + " is not a ggml model file (model_path): "
                    + "download a ggml-*.bin model (README.md)");
        }
        WhisperJNI whisper;
        WhisperContext context;
        try {
            WhisperJNI.loadLibrary();
            whisper = new WhisperJNI();
            context = whisper.init(model);
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new CaptureException("Whisper could not load " + model + ": " + e.getMessage(), e);
        }
        if (context == null) {
            throw new CaptureException("Whisper could not load " + model + " (a broken or partial download?)");
        }
        return new Whisper(whisper, context, model, language);
    }

    /** ggml files start with the magic 0x67676d6c ("ggml", little-endian "lmgg") or a GGUF header. */
    static boolean looksLikeGgml(Path model) {
        try (InputStream in = Files.newInputStream(model)) {
            byte[] head = in.readNBytes(4);
            String magic = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            return magic.equals("lmgg") || magic.equals("ggml") || magic.equals("GGUF") || magic.equals("ggjt");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Transcript transcribe(short[] samples) throws CaptureException {
        float[] audio = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            audio[i] = samples[i] / 32768f;
        }
        WhisperFullParams params = new WhisperFullParams();
        params.language = language.isBlank() ? "auto" : language;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        int result = whisper.full(context, params, audio, audio.length);
        if (result != 0) {
            throw new CaptureException("Whisper failed on a segment (code " + result + ")");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < whisper.fullNSegments(context); i++) {
            text.append(whisper.fullGetSegmentText(context, i).strip()).append(' ');
        }
        return new Transcript(text.toString().strip(), null);
    }

    @Override
    public String describe() {
        return "whisper (" + model.getFileName() + ")";
    }

    @Override
    public void close() {
        whisper.free(context);
    }
}
