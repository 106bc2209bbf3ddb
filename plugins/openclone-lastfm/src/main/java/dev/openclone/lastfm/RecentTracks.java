package dev.openclone.lastfm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of Last.fm's {@code user.getRecentTracks} answer: its scrobbles (the "now playing" item, which has no
 * date yet, left out) and how many pages there are. {@code track} is an array, or a single object when the page
 * holds one track; the artist is {@code {"#text": …}} (or {@code {"name": …}} with {@code extended=1}).
 */
record RecentTracks(List<Play> plays, int page, int totalPages, boolean nowPlaying) {

    /** A scrobble. */
    record Play(String artist, String track, String album, long playedAt) {
    }

    static RecentTracks parse(JsonNode answer) {
        JsonNode recent = answer.path("recenttracks");
        if (!recent.isObject()) {
            throw new IllegalArgumentException("no \"recenttracks\" in the answer");
        }
        JsonNode tracks = recent.path("track");
        List<JsonNode> items = new ArrayList<>();
        if (tracks.isArray()) {
            tracks.forEach(items::add);
        } else if (tracks.isObject()) {
            items.add(tracks);
        }
        List<Play> plays = new ArrayList<>();
        boolean nowPlaying = false;
        for (JsonNode item : items) {
            if (item.path("@attr").path("nowplaying").asText().equals("true") || !item.has("date")) {
                nowPlaying = true;
                continue;
            }
            String name = item.path("name").asText("").strip();
            String artist = text(item.path("artist"));
            long uts = item.path("date").path("uts").asLong(0);
            if (name.isEmpty() || artist.isEmpty() || uts <= 0) {
                continue;
            }
            plays.add(new Play(artist, name, text(item.path("album")), uts));
        }
        JsonNode attr = recent.path("@attr");
        return new RecentTracks(plays, attr.path("page").asInt(1), attr.path("totalPages").asInt(1), nowPlaying);
    }

    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().strip();
        }
        String text = node.path("#text").asText("");
        return (text.isEmpty() ? node.path("name").asText("") : text).strip();
    }
}
