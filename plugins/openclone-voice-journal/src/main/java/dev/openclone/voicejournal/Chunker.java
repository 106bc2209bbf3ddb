package dev.openclone.voicejournal;

import dev.openclone.linuxaudio.Transcriber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a recording of any length into pieces of at most 30 s (what Whisper reads at once; pocketsphinx is indifferent)
 * at the quietest fifth of a second of each piece's last ten seconds, so a cut falls between words. Memory: one
 * piece (30 s, 960 kB). Pieces without a sound louder than a whisper are left out.
 */
final class Chunker {

    static final int MAX_SAMPLES = Transcriber.SAMPLE_RATE * 30;
    private static final int LOOK_BACK = Transcriber.SAMPLE_RATE * 10;
    private static final int WINDOW = Transcriber.SAMPLE_RATE / 5;
    private static final int STEP = Transcriber.SAMPLE_RATE / 50;
    private static final int FRAME = Transcriber.SAMPLE_RATE * 30 / 1000;
    /** RMS of 16-bit samples: a piece whose loudest 30 ms stay below this holds no speech. */
    private static final double SILENT = 200;
    private static final int MIN_SAMPLES = Transcriber.SAMPLE_RATE * 3 / 10;

    private final short[] buffer = new short[MAX_SAMPLES];
    private int length;
    private long samples;
    int silent;

    /** Adds {@code n} samples; returns the pieces they completed. */
    List<short[]> feed(short[] in, int n) {
        List<short[]> pieces = new ArrayList<>();
        samples += n;
        int at = 0;
        while (at < n) {
            int take = Math.min(n - at, MAX_SAMPLES - length);
            System.arraycopy(in, at, buffer, length, take);
            length += take;
            at += take;
            if (length == MAX_SAMPLES) {
                int cut = quietestCut();
                emit(Arrays.copyOf(buffer, cut), pieces);
                System.arraycopy(buffer, cut, buffer, 0, length - cut);
                length -= cut;
            }
        }
        return pieces;
    }

    /** The last piece (what is left), if it is long and loud enough to hold a word. */
    List<short[]> finish() {
        List<short[]> pieces = new ArrayList<>();
        if (length >= MIN_SAMPLES) {
            emit(Arrays.copyOf(buffer, length), pieces);
        }
        length = 0;
        return pieces;
    }

    /** Seconds fed so far. */
    double seconds() {
        return samples / (double) Transcriber.SAMPLE_RATE;
    }

    private void emit(short[] piece, List<short[]> pieces) {
        if (loudest(piece) < SILENT) {
            silent++;
        } else {
            pieces.add(piece);
        }
    }

    private int quietestCut() {
        int best = length;
        double bestEnergy = Double.MAX_VALUE;
        for (int start = length - LOOK_BACK; start + WINDOW <= length; start += STEP) {
            double energy = 0;
            for (int i = start; i < start + WINDOW; i++) {
                energy += (double) buffer[i] * buffer[i];
            }
            if (energy < bestEnergy) {
                bestEnergy = energy;
                best = start + WINDOW / 2;
            }
        }
        return best;
    }

    static double loudest(short[] piece) {
        double loudest = 0;
        for (int start = 0; start + FRAME <= piece.length; start += FRAME) {
            loudest = Math.max(loudest, rms(piece, start, FRAME));
        }
        return loudest;
    }

    static double rms(short[] samples, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
