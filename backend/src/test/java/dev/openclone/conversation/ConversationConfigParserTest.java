package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code conversation} section: the seed's defaults, its checks in its order, and its error texts. */
class ConversationConfigParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SERVER = ZoneId.of("Europe/Riga");

    private static ConversationConfig parse(String json) throws Exception {
        return ConversationConfigParser.parse(JSON.readTree(json), SERVER);
    }

    @Test
    void absentSectionGivesTheSeedDefaultsInTheServerZone() throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(null, SERVER);
        assertThat(config).isEqualTo(parse("{}"));
        assertThat(config.folder()).isEqualTo("conversations");
        assertThat(config.recallFolder()).isEqualTo("recall");
        assertThat(config.recallTurns()).isZero();
        assertThat(config.recallMaxBytes()).isZero();
        assertThat(config.timezone()).isEqualTo(SERVER);
        assertThat(config.rolloverTime()).isEqualTo("04:00");
        assertThat(config.skipNoReply()).isFalse();
        assertThat(config.includeMessageMetadata()).isFalse();
        assertThat(config.stripUntrustedMetadata()).isTrue();
        assertThat(config.commentary()).isFalse();
        assertThat(config.agents()).isEqualTo(CaptureFilter.ALL);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"nope": 1}                                  | openclaw-universal-capture config has unknown keys: nope
            {"b": 1, "folder": "x", "10": 1, "2": 1, "a": 1} | openclaw-universal-capture config has unknown keys: 2, 10, b, a
            {"timezone": "Mars/Olympus"}                 | Invalid timezone for openclaw-universal-capture: Mars/Olympus
            {"timezone": " Nowhere "}                    | Invalid timezone for openclaw-universal-capture: Nowhere
            {"folder": "/abs"}                           | openclaw-universal-capture folder must be workspace-relative
            {"folder": "../out"}                         | openclaw-universal-capture folder must stay inside the workspace
            {"folder": "a/../.."}                        | openclaw-universal-capture folder must stay inside the workspace
            {"folder": "."}                              | openclaw-universal-capture folder must stay inside the workspace
            {"folder": "a\\\\..\\\\.."}                  | openclaw-universal-capture folder must stay inside the workspace
            {"folder": ".openclone"}                     | openclaw-universal-capture folder must stay inside the workspace
            {"recallFolder": "/abs"}                     | openclaw-universal-capture folder must be workspace-relative
            {"recallTurns": -1}                          | openclaw-universal-capture recallTurns must be a non-negative integer
            {"recallTurns": 1.5}                         | openclaw-universal-capture recallTurns must be a non-negative integer
            {"recallTurns": "3"}                         | openclaw-universal-capture recallTurns must be a non-negative integer
            {"recallMaxBytes": true}                     | openclaw-universal-capture recallMaxBytes must be a non-negative integer
            {"rolloverTime": "4:00"}                     | openclaw-universal-capture rolloverTime must use HH:MM in 24-hour time
            {"rolloverTime": "24:00"}                    | openclaw-universal-capture rolloverTime must use HH:MM in 24-hour time
            {"agents": 5}                                | openclaw-universal-capture agents must be a string
            {"surfaces": ["a"]}                          | openclaw-universal-capture surfaces must be a string
            {"channels": false}                          | openclaw-universal-capture channels must be a string
            {"timezone": "Bad/Zone", "folder": "/abs"}   | Invalid timezone for openclaw-universal-capture: Bad/Zone
            {"folder": "/abs", "recallTurns": -1}        | openclaw-universal-capture folder must be workspace-relative
            {"recallTurns": -1, "rolloverTime": "x"}     | openclaw-universal-capture recallTurns must be a non-negative integer
            {"rolloverTime": "x", "agents": 1}           | openclaw-universal-capture rolloverTime must use HH:MM in 24-hour time
            {"x": 1, "timezone": "Bad/Zone"}             | openclaw-universal-capture config has unknown keys: x
            """)
    void badValuesFailWithTheSeedMessageInTheSeedOrder(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"folder": "  notes/ai/  "}        | notes/ai      | recall
            {"folder": "./a//b/./c"}            | a/b/c         | recall
            {"folder": ""}                      | conversations | recall
            {"folder": 7}                       | conversations | recall
            {"recallFolder": ""}                | conversations | conversations
            {"recallFolder": null}              | conversations | recall
            {"recallFolder": "mem/recall"}      | conversations | mem/recall
            """)
    void foldersAreNormalisedAsTheSeedDoes(String json, String folder, String recallFolder) throws Exception {
        ConversationConfig config = parse(json);
        assertThat(config.folder()).isEqualTo(folder);
        assertThat(config.recallFolder()).isEqualTo(recallFolder);
    }

    @Test
    void wrongTypesFallBackWhereTheSeedFallsBack() throws Exception {
        ConversationConfig config = parse("""
                {"timezone": 3, "rolloverTime": "   ", "skipNoReply": "yes", "stripUntrustedMetadata": 0,
                 "includeMessageMetadata": null, "commentary": "true", "recallTurns": 4.0, "recallMaxBytes": null}""");
        assertThat(config.timezone()).isEqualTo(SERVER);
        assertThat(config.rolloverTime()).isEqualTo("04:00");
        assertThat(config.skipNoReply()).isFalse();
        assertThat(config.stripUntrustedMetadata()).isTrue();
        assertThat(config.includeMessageMetadata()).isFalse();
        assertThat(config.commentary()).isFalse();
        assertThat(config.recallTurns()).isEqualTo(4);
        assertThat(config.recallMaxBytes()).isZero();
    }

    @Test
    void timezoneNamesAreMatchedWithoutRegardToCaseAsIntlDoes() throws Exception {
        assertThat(parse("{\"timezone\": \"america/new_york\"}").timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(parse("{\"timezone\": \"UTC\", \"rolloverTime\": \" 23:59 \"}").rolloverMinutes())
                .isEqualTo(23 * 60 + 59);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            *                 | ALL     |
            ''                | ALL     |
            '  '              | ALL     |
            !                 | ALL     |
            ! *               | ALL     |
            ' , ,'            | ALL     |
            home,mini         | INCLUDE | home;mini
            ' home , mini , ' | INCLUDE | home;mini
            !main,heartbeat   | EXCLUDE | main;heartbeat
            '! main'          | EXCLUDE | main
            """)
    void filtersParseAsTheSeedParsesThem(String text, CaptureFilter.Mode mode, String values) {
        CaptureFilter filter = CaptureFilter.parse(text);
        assertThat(filter.mode()).isEqualTo(mode);
        assertThat(filter.values()).isEqualTo(values == null ? Set.of() : Set.of(values.split(";")));
    }
}
