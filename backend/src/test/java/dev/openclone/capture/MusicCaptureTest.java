package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.AgentConfigFile;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.Cli;
import dev.openclone.support.LastFmMock;
import dev.openclone.support.LastFmMock.Scrobble;
import dev.openclone.support.TestServer;
import dev.openclone.support.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Music end to end: the Last.fm plugin in the capture agent against a local server speaking Last.fm's API, and
 * {@code openclone import spotify} on a Spotify download; a real OpenClone server receives both.
 */
class MusicCaptureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LASTFM_KEY = "lastfm-test-0123456789";
    private static final String[][] SONGS = {{"Miles Davis", "So What", "Kind of Blue"},
        {"Björk", "Jóga", "Homogenic"}, {"宇多田ヒカル", "First Love", "First Love"}, {"Nina Simone", "Sinnerman", ""}};

    @TempDir
    Path dir;

    @Test
    void scrobblesWithTheirHistoryThenNewOnesAndASpotifyDownloadStoringEachPlayOnce() throws Exception {
        long start = Instant.now().getEpochSecond() / 60 * 60 - 450 * 240;
        try (TestServer server = TestServer.start(dir.resolve("server")); LastFmMock lastfm = LastFmMock.start(LASTFM_KEY)) {
            for (int i = 0; i < 450; i++) {
                String[] song = SONGS[i % SONGS.length];
                lastfm.scrobble(new Scrobble(start + i * 240L, song[0], song[1] + " " + i, song[2]));
            }
            lastfm.nowPlaying(new Scrobble(0, "Nina Simone", "Feeling Good", ""));
            Path config = config(server, lastfm.url(), LASTFM_KEY);
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run"), (String) null, "--config",
                    config.toString())) {
                music(server).awaitCount(450, 60);
                lastfm.scrobble(new Scrobble(Instant.now().getEpochSecond() + 1, "Nina Simone", "Feeling Good",
                        "I Put a Spell on You"));
                music(server).awaitCount(451, 60);
                Thread.sleep(2500);
            }
            List<JsonNode> events = music(server).events();
            assertThat(events).hasSize(451);
            assertThat(events).filteredOn(e -> e.at("/data/track").asText().equals("Feeling Good")).singleElement()
                    .satisfies(e -> assertThat(e.at("/data/album").asText()).isEqualTo("I Put a Spell on You"));
            JsonNode first = events.stream().filter(e -> e.at("/data/track").asText().equals("So What 0"))
                    .findFirst().orElseThrow();
            assertThat(first.get("timestamp").asLong()).isEqualTo(start);
            assertThat(first.at("/data/artist").asText()).isEqualTo("Miles Davis");
            assertThat(server.file("Music/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".md"))
                    .contains("**Feeling Good** — Nina Simone · I Put a Spell on You");

            Path download = spotifyDownload(start);
            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY",
                    TestServer.KEY);
            Cli.Result imported = Cli.run(dir, env, List.of("import", "spotify", download.toString()));
            assertThat(imported.code()).as(imported.stderr()).isZero();
            assertThat(imported.stdout()).contains("6 plays from 3 files: 5 stored, 1 already there",
                    "1 left out (under 30 s)");
            assertThat(imported.stderr()).contains("Streaming_History_Audio_2025_0.json: entry 6 (line ",
                    "\"ms_played\" is not a number", "Streaming_History_Audio_2025_1.json: line ", "not valid JSON")
                    .doesNotContain("Exception");
            assertThat(music(server).events()).hasSize(456);
            assertThat(music(server).events()).filteredOn(e -> e.at("/data/track").asText().equals("Jóga 1"))
                    .hasSize(1);
            assertThat(music(server).events()).filteredOn(e -> e.at("/data/track").asText().equals("Clair de Lune"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.at("/data/duration").asLong()).isEqualTo(301);
                        assertThat(e.at("/data/source").asText()).isEqualTo("spotify");
                    });

            Cli.Result again = Cli.run(dir, env, List.of("import", "spotify", download.toString()));
            assertThat(again.stdout()).contains("0 stored, 6 already there");
            assertThat(music(server).events()).hasSize(456);
        }
    }

    @Test
    void aRefusedLastFmKeyIsOneClearLine() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server")); LastFmMock lastfm = LastFmMock.start(LASTFM_KEY)) {
            AgentProcess.Result run = AgentProcess.run(dir.resolve("run"), (String) null, Duration.ofSeconds(60),
                    "--config", config(server, lastfm.url(), "wrong-key-0123456789").toString(), "--once");
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr()).contains("Last.fm refused the API key (error 10: Invalid API key")
                    .doesNotContain("wrong-key-0123456789", "Exception");
        }
    }

    /** Six plays over three history files, one of them already scrobbled, plus a short play and two faults. */
    private Path spotifyDownload(long start) throws Exception {
        Path folder = dir.resolve("my_spotify_data/Spotify Extended Streaming History");
        Files.createDirectories(folder);
        long joga = start + 240; // scrobbled to Last.fm as "Jóga 1": Spotify's end time is its start + what played
        Files.writeString(folder.resolve("Streaming_History_Audio_2025_0.json"), "[\n"
                + play(joga + 305 + 4, 305_000, "Jóga 1", "Björk", "Homogenic") + ",\n"
                + play(start - 3000, 301_000, "Clair de Lune", "Claude Debussy", "Suite bergamasque") + ",\n"
                + play(start - 2000, 12_000, "Skipped Song", "Someone", "Something") + ",\n"
                + "{\"ts\": \"" + Instant.ofEpochSecond(start - 1000) + "\", \"ms_played\": 1800000, "
                + "\"master_metadata_track_name\": null, \"episode_name\": \"Walruses of the Arctic\", "
                + "\"episode_show_name\": \"Nature Hour\"},\n"
                + play(start - 500, 200_000, "Hoppípolla", "Sigur Rós", "Takk...") + ",\n"
                + "{\"ts\": \"" + Instant.ofEpochSecond(start - 400) + "\", \"ms_played\": \"abc\", "
                + "\"master_metadata_track_name\": \"Broken\"}\n]");
        Files.writeString(folder.resolve("Streaming_History_Audio_2025_1.json"), "[\n"
                + play(start - 100, 180_000, "Teardrop", "Massive Attack", "Mezzanine") + ",\n"
                + "{\"ts\": \"2025-01-01T00:00:00Z\", \"ms_played\": 99999, \"master_");
        String endTime = java.time.LocalDateTime.ofEpochSecond(start - 6000, 0, java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        Files.writeString(folder.resolve("StreamingHistory_music_0.json"), "[{\"endTime\": \"" + endTime + "\", "
                + "\"artistName\": \"Khruangbin\", \"trackName\": \"White Gloves\", \"msPlayed\": 280000}]");
        Files.writeString(folder.resolve("Userdata.json"), "{\"username\": \"walrus\"}");
        return dir.resolve("my_spotify_data");
    }

    private static String play(long end, long ms, String track, String artist, String album) throws Exception {
        ObjectNode play = JSON.createObjectNode();
        play.put("ts", Instant.ofEpochSecond(end).toString()).put("ms_played", ms)
                .put("master_metadata_track_name", track).put("master_metadata_album_artist_name", artist)
                .put("master_metadata_album_album_name", album).put("spotify_track_uri", "spotify:track:x");
        return JSON.writeValueAsString(play);
    }

    private static Timeline music(TestServer server) {
        return Timeline.of(server, "music", Duration.ofDays(300), Duration.ofHours(1));
    }

    private Path config(TestServer server, String lastfmUrl, String key) throws Exception {
        return AgentConfigFile.write(dir, server, dir.resolve("state"), "openclone-lastfm", settings -> settings
                .put("lastfm_user", "walrus").put("lastfm_api_key", key).put("api_url", lastfmUrl)
                .put("interval_seconds", 1).put("backfill_pages_per_look", 1));
    }
}
