package dev.openclone.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.IngestBatch;
import dev.openclone.event.Platform;
import dev.openclone.event.SourceType;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One entry per source type, byte for byte: the vault's format is a contract with its readers. */
class EntryRendererTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EntryRenderer RENDERER = new EntryRenderer(ZoneId.of("UTC"));

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("audio_mic", "{\"text\":\"Remember to call Ann.\",\"duration\":12.5,\"confidence\":0.8}", """

                ### 12:20
                Duration: 12.5 s · Confidence: 0.8 · Device: 550e8400… · Plugin: test-plugin

                Remember to call Ann.

                ---
                """),
                Arguments.of("screen_ocr", "{\"text\":\"def main():\\n    print('hi')\",\"app_name\":\"VS Code\",\"window_title\":\"main.py \u2014 project\",\"url\":\"https://github.com/x/y\"}", """

                ### 12:20 · VS Code
                Window: main.py — project · URL: https://github.com/x/y · Device: 550e8400… · Plugin: test-plugin

                def main():
                print('hi')

                ---
                """),
                Arguments.of("journal", "{\"text\":\"Felt good today.\",\"duration\":95}", """

                ### 12:20
                Duration: 95 s · Device: 550e8400… · Plugin: test-plugin

                Felt good today.

                ---
                """),
                Arguments.of("web_browsing", "{\"url\":\"https://example.com/post?id=1\",\"title\":\"A post\",\"reading_time\":200,\"excerpt\":\"The gist.\",\"language\":\"en\"}", """

                ### 12:20 · A post
                Domain: example.com · Reading time: 3 min 20 s · Language: en · Device: 550e8400… · Plugin: test-plugin

                [A post](<https://example.com/post?id=1>)

                The gist.

                ---
                """),
                Arguments.of("music", "{\"track\":\"So What\",\"artist\":\"Miles Davis\",\"album\":\"Kind of Blue\",\"duration\":562}", """

                ### 12:20 · So What
                Device: 550e8400… · Plugin: test-plugin

                **So What** — Miles Davis · Kind of Blue · 9:22

                ---
                """),
                Arguments.of("health", "{\"steps\":8432,\"heart_rate\":62,\"sleep_hours\":7.5,\"vo2max\":44}", """

                ### 12:20
                Device: 550e8400… · Plugin: test-plugin

                - Steps: 8432
                - Heart rate: 62 bpm
                - Sleep: 7.5 h
                - Vo2max: 44

                ---
                """),
                Arguments.of("calendar", "{\"title\":\"Standup\",\"start\":\"2024-02-18T09:00:00+01:00\",\"end\":\"2024-02-18T09:15:00+01:00\",\"location\":\"Room 4\",\"attendees\":[\"Ann\",{\"name\":\"Bob\"},{\"email\":\"c@d.e\"}]}", """

                ### 12:20 · Standup
                When: 2024-02-18 08:00–08:15 · Location: Room 4 · Attendees: Ann, Bob, c@d.e · Device: 550e8400… · Plugin: test-plugin

                ---
                """),
                Arguments.of("notes", "{\"title\":\"Idea\",\"text\":\"Build a vault.\",\"tags\":[\"work\",\"side project\",\"#x\"]}", """

                ### 12:20 · Idea
                Device: 550e8400… · Plugin: test-plugin

                Build a vault.

                #work #side-project #x

                ---
                """),
                Arguments.of("gps", "{\"lat\":52.525,\"lon\":13.369,\"accuracy\":12,\"place_name\":\"Berlin Hbf\"}", """

                ### 12:20 · Berlin Hbf
                Device: 550e8400… · Plugin: test-plugin

                52.52500, 13.36900 (± 12 m)

                ---
                """),
                Arguments.of("photos", "{\"filename\":\"IMG_0001.jpg\",\"location\":\"Berlin\",\"timestamp\":1708250000}", """

                ### 12:20 · IMG_0001.jpg
                Location: Berlin · Taken: 2024-02-18 09:53 · Device: 550e8400… · Plugin: test-plugin

                ---
                """),
                Arguments.of("email", "{\"subject\":\"Invoice\",\"from\":\"billing@shop.example\",\"to\":[\"me@example.com\"],\"date\":\"2024-02-18T08:00:00Z\"}", """

                ### 12:20 · Invoice
                From: billing@shop.example · To: me@example.com · Date: 2024-02-18 08:00 · Device: 550e8400… · Plugin: test-plugin

                ---
                """),
                Arguments.of("messaging", "{\"from\":\"Ann\",\"platform\":\"Signal\",\"preview\":\"See you at 8?\\nBring snacks\"}", """

                ### 12:20 · Ann
                Platform: Signal · Device: 550e8400… · Plugin: test-plugin

                > See you at 8?
                > Bring snacks

                ---
                """),
                Arguments.of("activity", "{\"app_name\":\"Figma\",\"category\":\"design\",\"duration\":3725}", """

                ### 12:20 · Figma
                Category: design · Duration: 1 h 2 min · Device: 550e8400… · Plugin: test-plugin

                ---
                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void rendersEachSourceType(String type, String data, String expected) throws Exception {
        assertThat(render(type, data)).isEqualTo(expected);
    }

    @Test
    void nonWebLinksAreShownAsTextNotAsLiveLinks() throws Exception {
        assertThat(render("web_browsing", "{\"url\":\"javascript:alert(1)\",\"title\":\"Click\"}"))
                .contains("\nClick · javascript:alert(1)\n").doesNotContain("](");
    }

    @Test
    void longLabelsAreShortenedInTheHeadingOnly() throws Exception {
        String title = "t".repeat(300);
        String entry = render("notes", "{\"title\":\"" + title + "\",\"text\":\"x\"}");
        assertThat(entry.lines().filter(l -> l.startsWith("### ")).findFirst().orElseThrow()).hasSize(4 + 5 + 3 + 100);
    }

    static String render(String type, String data) throws Exception {
        IngestBatch batch = new IngestBatch(SourceType.fromWire(type).orElseThrow(), Platform.MACOS, "550e8400-e29b",
                "test-plugin", "1.0.0", 1_708_258_800, List.of());
        return RENDERER.render(batch, new IngestBatch.Event(1_708_258_800, (ObjectNode) JSON.readTree(data), null));
    }
}
