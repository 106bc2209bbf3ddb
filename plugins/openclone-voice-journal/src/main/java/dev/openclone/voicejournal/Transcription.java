package dev.openclone.voicejournal;

import dev.openclone.agent.CaptureException;
import dev.openclone.linuxaudio.Transcriber;

/**
 * The text of one recording, piece by piece: what each piece said, joined. A piece that fails to transcribe leaves
 * a count and the reason, nothing else; the caller says so.
 */
final class Transcription {

    private final Transcriber transcriber;
    private final StringBuilder text = new StringBuilder();
    private int pieces;
    private int failed;
    private String lastFailure;

    Transcription(Transcriber transcriber) {
        this.transcriber = transcriber;
    }

    void add(short[] piece) {
        pieces++;
        try {
            String said = transcriber.transcribe(piece).text().strip();
            if (!said.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(said);
            }
        } catch (CaptureException e) {
            failed++;
            lastFailure = e.getMessage();
        }
    }

    String text() {
        return text.toString();
    }

    int pieces() {
        return pieces;
    }

    int failed() {
        return failed;
    }

    /** Why the last piece that failed did, or null. */
    String lastFailure() {
        return lastFailure;
    }
}
