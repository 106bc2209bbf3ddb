package dev.openclone.linuxaudio;

import dev.openclone.agent.CaptureException;

/**
 * Speech to text for one segment of audio: 16 kHz, 16-bit, mono samples, held in memory only. Two engines:
 * {@link PocketSphinx} (Debian's, works out of the box) and {@link Whisper} (far better, with a model the user
 * supplies).
 */
public interface Transcriber extends AutoCloseable {

    int SAMPLE_RATE = 16_000;

    /** What was said, or an empty text when nothing was recognised; {@code confidence} 0–1, or null if unknown. */
    record Transcript(String text, Double confidence) {
    }

    Transcript transcribe(short[] samples) throws CaptureException;

    /**
     * The engine named {@code engine}: {@code pocketsphinx} (run as {@code pocketsphinxCommand}) or {@code whisper}
     * (with the ggml model {@code modelPath}; {@code language} empty for detection).
     *
     * @throws CaptureException one line saying what to install, download or write instead
     */
    static Transcriber open(String engine, String modelPath, String language, String pocketsphinxCommand)
            throws CaptureException {
        return switch (engine) {
            case "whisper" -> Whisper.start(modelPath, language);
            case "pocketsphinx" -> PocketSphinx.start(pocketsphinxCommand);
            default -> throw new CaptureException("engine must be \"pocketsphinx\" or \"whisper\", not \""
                    + engine + "\"");
        };
    }

    /** A name for the status and the log: the engine and its model. */
    String describe();

    @Override
    default void close() {
    }
}
