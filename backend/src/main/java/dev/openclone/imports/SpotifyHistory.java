package dev.openclone.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Spotify's streaming history, as its privacy download holds it: the extended history
 * ({@code Streaming_History_Audio_*.json}, {@code endsong_*.json}: {@code ts}, {@code ms_played},
 * {@code master_metadata_*}, or {@code episode_*} for podcasts) or the account data's
 * ({@code StreamingHistory*.json}: {@code endTime}, {@code artistName}, {@code trackName}, {@code msPlayed}).
 * Each file is read as a stream, one entry at a time, whatever its size. Plays shorter than 30 s are left out.
 */
public final class SpotifyHistory {

    /** Plays shorter than this are skips, not listens (Spotify's own rule for a stream). */
    public static final long MIN_PLAYED_MS = 30_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter END_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A play: when it started, for how long. */
    public record Play(String artist, String track, String album, long startEpochSecond, long playedMs) {
    }

    /** What the reading found besides plays. */
    public interface Problems {
        /** A file or an entry that could not be read, with its place; the rest is read on. */
        void problem(String where, String message);

        /** An entry left out on purpose (short play, no track). */
        void skipped(String reason);
    }

    private SpotifyHistory() {
    }

    /** The history files in {@code folder} (and its subfolders), in name order. */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && (name.startsWith("Streaming_History_Audio")
                        || name.startsWith("StreamingHistory") || name.startsWith("endsong"));
            }).sorted().toList();
        }
    }

    /** Reads one file's plays; a file that is not valid JSON stops at the fault, its plays before it kept. */
    public static void read(Path file, Consumer<Play> plays, Problems problems) throws IOException {
        String name = file.getFileName().toString();
        try (JsonParser parser = new JsonFactory().setCodec(JSON).createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                problems.problem(name + ": line 1", "not a Spotify history file (it should be a JSON array)");
                return;
            }
            int entry = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                entry++;
                JsonLocation at = parser.currentTokenLocation();
                JsonNode item = parser.readValueAsTree();
                try {
                    play(item).ifPresentOrElse(p -> {
                        if (p.playedMs() < MIN_PLAYED_MS) {
                            problems.skipped("under 30 s");
                        } else {
                            plays.accept(p);
                        }
                    }, () -> problems.skipped("no track"));
                } catch (IllegalArgumentException e) {
                    problems.problem(name + ": entry " + entry + " (line " + at.getLineNr() + ")", e.getMessage());
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.problem(name + (at == null ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr()),
                    "not valid JSON (" + e.getOriginalMessage() + "); the plays before this point are imported");
        }
    }

    static java.util.Optional<Play> play(JsonNode item) {
        if (item.has("ts")) {
            long ms = number(item, "ms_played");
            String track = text(item, "master_metadata_track_name");
            String artist = text(item, "master_metadata_album_artist_name");
            String album = text(item, "master_metadata_album_album_name");
            if (track.isEmpty()) {
                track = text(item, "episode_name");
                artist = text(item, "episode_show_name");
                album = "";
            }
            if (track.isEmpty()) {
                return java.util.Optional.empty();
            }
            Instant end;
            try {
                end = Instant.parse(item.get("ts").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"ts\" is not a time: " + item.get("ts").asText());
            }
            return java.util.Optional.of(new Play(artist, track, album, end.getEpochSecond() - ms / 1000, ms));
        }
        if (item.has("endTime")) {
            long ms = number(item, "msPlayed");
            String track = text(item, "trackName");
            if (track.isEmpty()) {
                return java.util.Optional.empty();
            }
            LocalDateTime end;
            try {
                end = LocalDateTime.parse(item.get("endTime").asText(), END_TIME);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"endTime\" is not a time: " + item.get("endTime").asText());
            }
            return java.util.Optional.of(new Play(text(item, "artistName"), track, "",
                    end.toEpochSecond(ZoneOffset.UTC) - ms / 1000, ms));
        }
        throw new IllegalArgumentException("neither \"ts\" nor \"endTime\": not a play");
    }

    private static long number(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number");
        }
        return value.asLong();
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? "" : value.asText().strip();
    }
}
