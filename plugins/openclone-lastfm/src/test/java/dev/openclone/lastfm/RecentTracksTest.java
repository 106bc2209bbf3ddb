package dev.openclone.lastfm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.RawRefs;
import org.junit.jupiter.api.Test;

class RecentTracksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anArrayOfTracksWithTheNowPlayingOneLeftOut() throws Exception {
        RecentTracks page = RecentTracks.parse(JSON.readTree("""
                {"recenttracks": {"track": [
                  {"artist": {"#text": "Miles Davis", "mbid": ""}, "name": "So What", "album": {"#text": "Kind of Blue"},
                   "@attr": {"nowplaying": "true"}},
                  {"artist": {"#text": "Miles Davis"}, "name": "Blue in Green", "album": {"#text": "Kind of Blue"},
                   "date": {"uts": "1764590400", "#text": "01 Dec 2025, 12:00"}}],
                 "@attr": {"user": "u", "page": "2", "perPage": "200", "totalPages": "3", "total": "401"}}}
                """));
        assertThat(page.plays()).containsExactly(
                new RecentTracks.Play("Miles Davis", "Blue in Green", "Kind of Blue", 1764590400));
        assertThat(page.nowPlaying()).isTrue();
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.totalPages()).isEqualTo(3);
    }

    @Test
    void aSingleTrackComesAsAnObjectAndExtendedArtistsAsNames() throws Exception {
        RecentTracks page = RecentTracks.parse(JSON.readTree("""
                {"recenttracks": {"track": {"artist": {"name": "Björk"}, "name": "Jóga", "album": {"#text": ""},
                  "date": {"uts": "1764590400"}}, "@attr": {"page": "1", "totalPages": "1"}}}
                """));
        assertThat(page.plays()).containsExactly(new RecentTracks.Play("Björk", "Jóga", "", 1764590400));
        assertThat(RecentTracks.parse(JSON.readTree("{\"recenttracks\": {\"track\": [], \"@attr\": {}}}")).plays())
                .isEmpty();
    }

    @Test
    void theEventsRawRefIsThePlaysWhoeverSawIt() {
        Event event = LastFm.event(new RecentTracks.Play("Miles Davis", "So What", "Kind of Blue", 1764590400));
        assertThat(event.sourceType()).isEqualTo("music");
        assertThat(event.data()).containsEntry("track", "So What").containsEntry("artist", "Miles Davis")
                .containsEntry("album", "Kind of Blue");
        assertThat(event.rawRef()).isEqualTo(RawRefs.play("miles  davis", "SO WHAT", 1764590400 + 12));
        assertThat(event.rawRef()).isNotEqualTo(RawRefs.play("Miles Davis", "So What", 1764590400 + 120));
    }
}
