package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** The capture rules of openclaw-universal-capture, one table per rule. */
class CaptureRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FALLBACK = Instant.parse("2026-06-01T12:00:00Z");

    private static ConversationConfig config(String json) throws Exception {
        return ConversationConfigParser.parse(JSON.readTree(json), ZoneId.of("UTC"));
    }

    private static List<CaptureEntry> select(String configJson, String messagesJson, int prePrompt,
            String sessionKey) throws Exception {
        return new TurnSelector(config(configJson)).select(JSON.readTree(messagesJson), prePrompt, sessionKey,
                FALLBACK);
    }

    private static List<String> pairs(List<CaptureEntry> entries) {
        return entries.stream().map(e -> e.userText() + " → " + e.assistantText()).toList();
    }

    static List<Arguments> pairing() {
        return List.of(
                Arguments.of("plain pair", "{}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]""", 0,
                        List.of("hi → hello")),
                Arguments.of("text parts joined by newlines, other parts ignored", "{}", """
                        [{"role":"user","content":[{"type":"input_text","text":" a "},{"type":"image","url":"x"},
                          {"type":"text","text":"b"}]},
                         {"role":"assistant","content":[{"type":"output_text","text":"c"},{"type":"toolCall",
                          "name":"exec"},{"type":"text","text":""},{"type":"text","text":"d\\n"}]}]""", 0,
                        List.of("a \nb → c\nd")),
                Arguments.of("tool calls and results are not replies", "{}", """
                        [{"role":"user","content":"run it"},
                         {"role":"assistant","content":[{"type":"toolCall","name":"exec"}]},
                         {"role":"toolResult","content":"ok"},
                         {"role":"assistant","content":"done"}]""", 0, List.of("run it → done")),
                Arguments.of("terminal response only: commentary before a tool call is left out", "{}", """
                        [{"role":"user","content":"run it"},
                         {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                          {"type":"toolCall","name":"exec"}]},
                         {"role":"toolResult","content":"ok"},
                         {"role":"assistant","content":"All good."}]""", 0, List.of("run it → All good.")),
                Arguments.of("commentary on keeps every assistant text", "{\"commentary\": true}", """
                        [{"role":"user","content":"run it"},
                         {"role":"assistant","content":[{"type":"text","text":"Let me check."}]},
                         {"role":"toolResult","content":"ok"},
                         {"role":"assistant","content":"All good."}]""", 0,
                        List.of("run it → Let me check.", "run it → All good.")),
                Arguments.of("each request keeps its own terminal response", "{}", """
                        [{"role":"user","content":"one"},{"role":"assistant","content":"a1"},
                         {"role":"assistant","content":"a2"},{"role":"user","content":"two"},
                         {"role":"assistant","content":"b"}]""", 0, List.of("one → a2", "two → b")),
                Arguments.of("nearest preceding non-empty user message", "{}", """
                        [{"role":"user","content":"real"},{"role":"user","content":"   "},
                         {"role":"user","content":[{"type":"image"}]},{"role":"assistant","content":"reply"}]""", 0,
                        List.of("real → reply")),
                Arguments.of("no user message: nothing", "{}", """
                        [{"role":"system","content":"sys"},{"role":"assistant","content":"hello"}]""", 0, List.of()),
                Arguments.of("empty assistant text: nothing", "{}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":"  \\n "}]""", 0, List.of()),
                Arguments.of("pre-prompt messages pair but are not captured", "{}", """
                        [{"role":"user","content":"old"},{"role":"assistant","content":"old reply"},
                         {"role":"assistant","content":"new reply"}]""", 2, List.of("old → new reply")),
                Arguments.of("pre-prompt count beyond the transcript: nothing", "{}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]""", 9, List.of()),
                Arguments.of("NO_REPLY kept by default", "{}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":" NO_REPLY "}]""", 0,
                        List.of("hi → NO_REPLY")),
                Arguments.of("skipNoReply drops it, and commentary does not stand in", "{\"skipNoReply\": true}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":"thinking"},
                         {"role":"assistant","content":"NO_REPLY"}]""", 0, List.of()),
                Arguments.of("skipNoReply only drops the exact marker", "{\"skipNoReply\": true}", """
                        [{"role":"user","content":"hi"},{"role":"assistant","content":"NO_REPLY please"}]""", 0,
                        List.of("hi → NO_REPLY please")),
                Arguments.of("records that are not messages are ignored", "{}", """
                        [7, "x", null, {"role":"user","content":"hi"}, {"type":"compaction"},
                         {"role":"assistant","content":"hello"}]""", 0, List.of("hi → hello")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairing")
    void turnSelection(String name, String configJson, String messages, int prePrompt, List<String> expected)
            throws Exception {
        assertThat(pairs(select(configJson, messages, prePrompt, "agent:main:main"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', textBlock = """
            agent:home:discord:channel:123 | home    | discord | channel:123 | 123
            agent:main:main:heartbeat      | main    | main    | heartbeat   | heartbeat
            agent:main:main                | main    | main    |             |
            agent::web:a::                 |         | web     | a::         |
            agent:solo                     |         |         |             |
            session:home:discord:1         |         |         |             |
            ''                             |         |         |             |
            """)
    void sessionKeyParts(String key, String agent, String surface, String channel, String channelId) {
        assertThat(SessionKey.parse(key)).isEqualTo(new SessionKey(agent, surface, channel, channelId));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            agent:home:discord:channel:123 | {}                                           | true
            agent:home:discord:channel:123 | {"agents": "*"}                              | true
            agent:home:discord:channel:123 | {"agents": "home,mini"}                      | true
            agent:work:discord:channel:123 | {"agents": "home,mini"}                      | false
            agent:home:discord:channel:123 | {"agents": "!home"}                          | false
            agent:work:discord:channel:123 | {"agents": "!home"}                          | true
            agent:home:discord:channel:123 | {"surfaces": "slack"}                        | false
            agent:home:discord:channel:123 | {"surfaces": "!slack"}                       | true
            agent:home:discord:channel:123 | {"channels": "123"}                          | true
            agent:home:discord:channel:123 | {"channels": "channel:123"}                  | false
            agent:main:main:heartbeat      | {"channels": "!heartbeat"}                   | false
            agent:main:main                | {"channels": "heartbeat"}                    | false
            agent:main:main                | {"channels": "!heartbeat"}                   | true
            not-an-agent-key               | {"agents": "home"}                           | false
            not-an-agent-key               | {"agents": "!home"}                          | true
            agent:home:discord:channel:123 | {"agents": "home", "surfaces": "discord", "channels": "123"} | true
            agent:home:discord:channel:123 | {"agents": "home", "surfaces": "discord", "channels": "9"}   | false
            """)
    void filters(String sessionKey, String configJson, boolean captured) throws Exception {
        List<CaptureEntry> entries = select(configJson, """
                [{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]""", 0, sessionKey);
        assertThat(entries).hasSize(captured ? 1 : 0);
    }

    static List<Arguments> stripping() {
        String info = "Conversation info (untrusted metadata):\n```json\n{\"message_id\": \"1\"}\n```\n";
        String sender = "Sender (untrusted metadata):\n```json\n{\"username\": \"op\"}\n```\n";
        return List.of(
                Arguments.of("both blocks", info + "\n" + sender + "\nHello", "Hello"),
                Arguments.of("conversation info alone", info + "\nHello", "Hello"),
                Arguments.of("one newline after the fence", info + "Hello", "Hello"),
                Arguments.of("only the block", info.strip(), ""),
                Arguments.of("sender alone is kept", sender + "\nHello", sender + "\nHello"),
                Arguments.of("opposite order: only the part before is not stripped", sender + "\n" + info + "\nHi",
                        sender + "\n" + info + "\nHi"),
                Arguments.of("later in the text is kept", "Hi\n" + info, "Hi\n" + info),
                Arguments.of("no json fence is kept", "Conversation info (untrusted metadata):\n```\n{}\n```\n\nHi",
                        "Conversation info (untrusted metadata):\n```\n{}\n```\n\nHi"),
                Arguments.of("unclosed fence is kept", "Conversation info (untrusted metadata):\n```json\n{}\nHi",
                        "Conversation info (untrusted metadata):\n```json\n{}\nHi"),
                Arguments.of("fence followed by text on its line does not close",
                        "Conversation info (untrusted metadata):\n```json\n{}\n```x\n```\n\nHi", "Hi"),
                Arguments.of("sender block without its fence stays",
                        info + "\nSender (untrusted metadata):\nnot json\n\nHi",
                        "Sender (untrusted metadata):\nnot json\n\nHi"),
                Arguments.of("two blank lines: one stays", info + "\n\nHello", "\nHello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stripping")
    void untrustedMetadataStripping(String name, String text, String expected) {
        assertThat(UntrustedMetadata.stripLeading(text)).isEqualTo(expected);
    }

    @Test
    void strippingCanBeTurnedOffAndAppliesToTheTrimmedUserText() throws Exception {
        String messages = """
                [{"role":"user","content":"  Conversation info (untrusted metadata):\\n```json\\n{}\\n```\\n\\nHi"},
                 {"role":"assistant","content":"hello"}]""";
        assertThat(select("{}", messages, 0, null).get(0).userText()).isEqualTo("Hi");
        assertThat(select("{\"stripUntrustedMetadata\": false}", messages, 0, null).get(0).userText())
                .isEqualTo("Conversation info (untrusted metadata):\n```json\n{}\n```\n\nHi");
    }

    /** Europe/Riga is UTC+3 in June: 00:59Z is 03:59 local. */
    @ParameterizedTest(name = "{0} with rollover {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-06-02T00:59:00Z | 04:00 | 2026-06-01 | 03:59
            2026-06-02T01:00:00Z | 04:00 | 2026-06-02 | 04:00
            2026-06-01T21:00:00Z | 04:00 | 2026-06-01 | 00:00
            2026-06-01T20:59:59Z | 04:00 | 2026-06-01 | 23:59
            2026-06-01T21:00:00Z | 00:00 | 2026-06-02 | 00:00
            2026-06-02T20:30:00Z | 23:45 | 2026-06-01 | 23:30
            2026-06-02T20:45:00Z | 23:45 | 2026-06-02 | 23:45
            """)
    void rolloverInTheConfiguredZone(String at, String rollover, String day, String time) throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(JSON.readTree(
                "{\"timezone\": \"Europe/Riga\", \"rolloverTime\": \"" + rollover + "\"}"), ZoneId.of("UTC"));
        JsonNode messages = JSON.readTree("[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                + "\"content\":\"a\",\"timestamp\":\"" + at + "\"}]");
        CaptureEntry entry = new TurnSelector(config).select(messages, 0, null, FALLBACK).get(0);
        assertThat(entry.date()).hasToString(day);
        assertThat(entry.time()).isEqualTo(time);
        assertThat(entry.timestamp()).isEqualTo(at.replace("Z", ".000Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1780308300000              | 2026-06-01T10:05:00.000Z
            1780308300999.9            | 2026-06-01T10:05:00.999Z
            '"2026-06-01T10:05:00Z"'   | 2026-06-01T10:05:00.000Z
            '"2026-06-01T13:05+03:00"' | 2026-06-01T10:05:00.000Z
            '"2026-06-01T10:05"'       | 2026-06-01T10:05:00.000Z
            '"2026-06-01"'             | 2026-06-01T00:00:00.000Z
            '"Mon, 01 Jun 2026 10:05:00 GMT"' | 2026-06-01T10:05:00.000Z
            '"yesterday"'              | 2026-06-01T12:00:00.000Z
            1e300                      | 2026-06-01T12:00:00.000Z
            true                       | 2026-06-01T12:00:00.000Z
            """)
    void messageTimestampsAreReadAsJavaScriptDatesWithTheEventTimeAsFallback(String json, String iso)
            throws Exception {
        Instant at = CaptureTime.of(JSON.readTree(json), ZoneId.of("UTC"), FALLBACK);
        assertThat(CaptureTime.iso(at)).isEqualTo(iso);
    }
}
