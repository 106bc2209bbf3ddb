package dev.openclone.linuxaudio;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts speech out of a stream of 16 kHz samples: 30 ms frames whose loudness is well above the running noise floor
 * open a segment; half a second below it (or 30 s in all) closes it. A segment shorter than 0.4 s is a click, not
 * speech. A segment without the pauses speech has between syllables — fewer than 15% of its frames well under its
 * mean loudness, the "low-energy ratio" that tells speech from music — is music, and is not transcribed.
 * Memory: the open segment only (at most 30 s, 960 kB).
 */
final class SpeechSegments {

    static final int FRAME = Transcriber.SAMPLE_RATE * 30 / 1000;
    static final int MAX_SAMPLES = Transcriber.SAMPLE_RATE * 30;
    private static final int CLOSE_AFTER_FRAMES = 17; // ~0.5 s of quiet
    private static final int MIN_SPEECH_FRAMES = 13; // ~0.4 s
    private static final double MIN_LOW_ENERGY_RATIO = 0.15;
    private static final double MIN_LEVEL = 300; // RMS of 16-bit samples: below this nothing is speech

    /** A finished segment: when it started (ms since the epoch) and its samples. */
    record Segment(long startMillis, short[] samples) {
        double seconds() {
            return samples.length / (double) Transcriber.SAMPLE_RATE;
        }
    }

    /** What was left out, for the status (counts only). */
    volatile int music;
    volatile int clicks;

    private double noise = MIN_LEVEL / 2;
    private final short[] frame = new short[FRAME];
    private int framed;
    private long frameStartMillis;
    private short[] open;
    private int openLength;
    private long openStartMillis;
    private final List<Double> levels = new ArrayList<>();
    private int quiet;

    /** Feeds samples that start at {@code startMillis}; returns the segments they finished. */
    List<Segment> feed(short[] samples, int length, long startMillis) {
        List<Segment> done = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (framed == 0) {
                frameStartMillis = startMillis + i * 1000L / Transcriber.SAMPLE_RATE;
            }
            frame[framed++] = samples[i];
            if (framed == FRAME) {
                frame(done);
                framed = 0;
            }
        }
        return done;
    }

    /** Segments closed so far, whatever became of them (read on the recorder's thread). */
    int closed;

    /** Whether a segment is open: speech (or what may be) is being heard. */
    boolean speaking() {
        return open != null;
    }

    /** The segment still open, closed now (the recording stopped). */
    List<Segment> flush() {
        List<Segment> done = new ArrayList<>();
        close(done);
        return done;
    }

    private void frame(List<Segment> done) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        double level = Math.sqrt(sum / FRAME);
        boolean loud = level > Math.max(MIN_LEVEL, noise * 3);
        if (!loud) {
            noise = noise * 0.95 + level * 0.05; // the floor follows the quiet
        }
        if (open == null) {
            if (loud) {
                open = new short[MAX_SAMPLES];
                openLength = 0;
                openStartMillis = frameStartMillis;
                levels.clear();
                quiet = 0;
                append(level);
            }
            return;
        }
        append(level);
        quiet = loud ? 0 : quiet + 1;
        if (quiet >= CLOSE_AFTER_FRAMES || openLength + FRAME > MAX_SAMPLES) {
            close(done);
        }
    }

    private void append(double level) {
        System.arraycopy(frame, 0, open, openLength, FRAME);
        openLength += FRAME;
        levels.add(level);
    }

    private void close(List<Segment> done) {
        if (open == null) {
            return;
        }
        int speechFrames = levels.size() - quiet;
        if (speechFrames < MIN_SPEECH_FRAMES) {
            clicks++;
        } else if (lowEnergyRatio() < MIN_LOW_ENERGY_RATIO) {
            music++;
        } else {
            short[] samples = new short[openLength];
            System.arraycopy(open, 0, samples, 0, openLength);
            done.add(new Segment(openStartMillis, samples));
        }
        open = null;
        levels.clear();
        closed++;
    }

    /** The share of frames under half the segment's mean loudness (its trailing quiet left out). */
    private double lowEnergyRatio() {
        int n = levels.size() - quiet;
        double mean = levels.subList(0, n).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        long low = levels.subList(0, n).stream().filter(l -> l < mean / 2).count();
        return low / (double) n;
    }
}
