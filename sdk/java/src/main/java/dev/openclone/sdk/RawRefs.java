package dev.openclone.sdk;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable raw_refs: the same parts always give the same id, so an event captured twice (after a restart, from a
 * re-read file) is stored once. Use what identifies the captured thing, such as a file path and offset, a
 * recording's start time, or a message id.
 */
public final class RawRefs {

    private RawRefs() {
    }

    /** 32 hex characters of SHA-256 over the parts, separated so that ("ab","c") and ("a","bc") differ. */
    public static String of(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A music play, the same whoever saw it (a Last.fm scrobble, a Spotify history file): the artist and track
     * compared without case, width variants (NFKC) or extra spaces, and the start time rounded to the minute (the
     * two report the same start within seconds).
     */
    public static String play(String artist, String track, long startEpochSecond) {
        return "play-" + of("play", normal(artist), normal(track), Math.floorDiv(startEpochSecond + 30, 60));
    }

    private static String normal(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
