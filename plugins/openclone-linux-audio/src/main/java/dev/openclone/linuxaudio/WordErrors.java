package dev.openclone.linuxaudio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a transcript is scored against what was said (bench/audio.sh and the audio tests): the word error rate, word
 * edits (substitutions, insertions, deletions) over the reference's words, case ignored.
 */
public final class WordErrors {

    private WordErrors() {
    }

    /** Edits that turn {@code hypothesis} into {@code reference}, word by word. */
    public static int edits(String reference, String hypothesis) {
        List<String> r = words(reference);
        List<String> h = words(hypothesis);
        int[][] d = new int[r.size() + 1][h.size() + 1];
        for (int i = 0; i <= r.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= h.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= r.size(); i++) {
            for (int j = 1; j <= h.size(); j++) {
                int same = r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + same);
            }
        }
        return d[r.size()][h.size()];
    }

    /** The word error rate: {@link #edits} over the reference's words (0 is perfect; it can exceed 1). */
    public static double rate(String reference, String hypothesis) {
        return edits(reference, hypothesis) / (double) Math.max(1, words(reference).size());
    }

    public static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
    }
}
