package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation turns over HTTP into real files: whole daily files compared byte for byte with what
 * openclaw-universal-capture writes, exactly-once under replay and concurrency, and the recall endpoint.
 */
class ConversationIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DISCORD = "agent:home:discord:channel:123456789012345678";

    @TempDir
    Path dir;

    private TestServer start(String conversationConfig) throws Exception {
        ConversationConfig config = ConversationConfigParser.parse(JSON.readTree(conversationConfig),
                ZoneId.of("UTC"));
        return TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.conversation(config));
    }

    /** A user message, then the assistant's reply at {@code at}. */
    static ArrayNode exchange(String user, String assistant, String at) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", user);
        messages.addObject().put("role", "assistant").put("content", assistant).put("timestamp", at);
        return messages;
    }

    /** An ingest body of one turn. */
    static String turn(String rawRef, String sessionKey, ArrayNode messages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source_type", "conversation").put("platform", "linux").put("device_id", "host-1")
                .put("plugin_id", "openclone-openclaw-capture").put("plugin_version", "0.1.0")
                .put("timestamp", 1_780_308_300.0);
        ObjectNode event = body.putArray("events").addObject();
        event.put("timestamp", 1_780_308_300.0).put("raw_ref", rawRef);
        ObjectNode data = event.putObject("data");
        if (sessionKey != null) {
            data.put("session_key", sessionKey);
        }
        data.put("session_id", "runtime-session-id").put("pre_prompt_message_count", 0);
        data.set("messages", messages);
        return body.toString();
    }

    private static Http.Response recall(TestServer server, String query) throws Exception {
        return server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/recall" + query)).header("X-API-Key", TestServer.KEY).GET().build());
    }

    private static String key(String sessionKey) {
        return "?session_key=" + URLEncoder.encode(sessionKey, StandardCharsets.UTF_8);
    }

    @Test
    void theSeedExampleIsWrittenByteForByteAsTheSeedWritesIt() throws Exception {
        try (TestServer server = start("{\"timezone\": \"UTC\", \"includeMessageMetadata\": true}")) {
            ArrayNode messages = exchange("Conversation info (untrusted metadata):\n```json\n{\"message_id\": \"1\"}\n"
                    + "```\n\nSender (untrusted metadata):\n```json\n{\"username\": \"operator\"}\n```\n\n"
                    + "What is on today?", "Two meetings.  \n", "2026-06-01T10:05:00.000Z");
            ((ObjectNode) messages.get(0)).put("senderUsername", " operator ");
            Http.Response response = server.http().ingest(turn("turn-1", DISCORD, messages));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("stored").asInt()).isEqualTo(1);
            assertThat(response.json().get("files").get(0).asText())
                    .isEqualTo("conversations/conversations-2026-06-01.md");

            assertThat(server.file("conversations/conversations-2026-06-01.md")).isEqualTo("""
                    ---
                    title: conversations-2026-06-01
                    type: Conversation
                    permalink: conversations/conversations-2026-06-01
                    date: 2026-06-01
                    ---

                    # Conversations 2026-06-01
                    ### 10:05
                    Agent: home
                    Surface: discord
                    Channel: channel:123456789012345678
                    Sender: operator

                    **User:**
                    What is on today?

                    **Assistant:**
                    Two meetings.

                    ---
                    """);
        }
    }

    @Test
    void aTurnAcrossTheRolloverLandsInBothDailyFilesInTheConfiguredZone() throws Exception {
        try (TestServer server = start("{\"timezone\": \"Europe/Riga\", \"commentary\": true, "
                + "\"folder\": \"AI/chats\"}")) {
            ArrayNode messages = JSON.createArrayNode();
            messages.addObject().put("role", "user").put("content", "long job");
            messages.addObject().put("role", "assistant").put("content", "starting").put("timestamp",
                    "2026-06-02T00:58:00Z");
            messages.addObject().put("role", "toolResult").put("content", "…");
            messages.addObject().put("role", "assistant").put("content", "finished").put("timestamp",
                    "2026-06-02T01:02:00Z");
            assertThat(server.http().ingest(turn("turn-x", DISCORD, messages)).status()).isEqualTo(200);

            assertThat(server.file("AI/chats/conversations-2026-06-01.md")).isEqualTo("""
                    ---
                    title: conversations-2026-06-01
                    type: Conversation
                    permalink: AI/chats/conversations-2026-06-01
                    date: 2026-06-01
                    ---

                    # Conversations 2026-06-01
                    ### 03:58

                    **User:**
                    long job

                    **Assistant:**
                    starting

                    ---
                    """);
            assertThat(server.file("AI/chats/conversations-2026-06-02.md")).endsWith("""
                    # Conversations 2026-06-02
                    ### 04:02

                    **User:**
                    long job

                    **Assistant:**
                    finished

                    ---
                    """);
        }
    }

    @Test
    void aReplayedTurnIsWrittenOnceToMarkdownAndRecall() throws Exception {
        try (TestServer server = start("{\"timezone\": \"UTC\", \"recallTurns\": 5}")) {
            String body = turn("turn-1", DISCORD, exchange("q", "a", "2026-06-01T10:05:00Z"));
            assertThat(server.http().ingest(body).json().get("stored").asInt()).isEqualTo(1);
            String markdown = server.file("conversations/conversations-2026-06-01.md");
            String recall = server.file("recall/" + dev.openclone.conversation.RecallFile.fileName(DISCORD));

            Http.Response again = server.http().ingest(body);
            assertThat(again.json().get("stored").asInt()).isZero();
            assertThat(again.json().get("skipped").asInt()).isEqualTo(1);
            assertThat(server.file("conversations/conversations-2026-06-01.md")).isEqualTo(markdown);
            assertThat(server.file("recall/" + dev.openclone.conversation.RecallFile.fileName(DISCORD))).isEqualTo(recall)
                    .isEqualTo("{\"advancementKey\":\"turn-1\",\"timestamp\":\"2026-06-01T10:05:00.000Z\","
                            + "\"sessionId\":\"runtime-session-id\",\"sessionKey\":\"" + DISCORD + "\","
                            + "\"userText\":\"q\",\"assistantText\":\"a\"}\n");
        }
    }

    @Test
    void theSameTurnTwiceAtOnceAndManyTurnsAtOnceAreEachWrittenOnceAndWhole() throws Exception {
        try (TestServer server = start("{\"timezone\": \"UTC\", \"recallTurns\": 100}")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Http.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String body = turn("turn-" + i, DISCORD, exchange("question " + i, "answer " + i,
                            "2026-06-01T10:" + String.format("%02d", i) + ":00Z"));
                    calls.add(() -> server.http().ingest(body));
                    calls.add(() -> server.http().ingest(body));
                }
                int stored = 0;
                for (Future<Http.Response> f : pool.invokeAll(calls)) {
                    assertThat(f.get().status()).isEqualTo(200);
                    stored += f.get().json().get("stored").asInt();
                }
                assertThat(stored).isEqualTo(20);
            } finally {
                pool.shutdown();
            }
            String markdown = server.file("conversations/conversations-2026-06-01.md");
            for (int i = 0; i < 20; i++) {
                String entry = "### 10:" + String.format("%02d", i) + "\n\n**User:**\nquestion " + i
                        + "\n\n**Assistant:**\nanswer " + i + "\n\n---\n";
                assertThat(markdown.split(java.util.regex.Pattern.quote(entry), -1)).as(entry).hasSize(2);
            }
            assertThat(markdown.split("### ", -1)).hasSize(21);
            JsonNode recalled = recall(server, key(DISCORD) + "&max_turns=50").json();
            assertThat(recalled.get("turns")).hasSize(20);
            assertThat(recalled.get("malformed").asInt()).isZero();
        }
    }

    @Test
    void aFilteredTurnWritesNothingNotEvenAFolder() throws Exception {
        try (TestServer server = start("{\"agents\": \"!home\", \"recallTurns\": 3}")) {
            Http.Response response = server.http().ingest(turn("t1", DISCORD, exchange("q", "a",
                    "2026-06-01T10:05:00Z")));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("stored").asInt()).isZero();
            assertThat(response.json().get("skipped").asInt()).isEqualTo(1);
            assertThat(response.json().get("files")).isEmpty();
            try (Stream<Path> files = Files.list(server.vault())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".openclone");
            }
        }
    }

    @Test
    void recallEndpointReturnsTheToolTextAndRejectsBadParametersWithTheSeedTexts() throws Exception {
        try (TestServer server = start("{\"timezone\": \"UTC\", \"recallTurns\": 2}")) {
            for (int i = 1; i <= 3; i++) {
                server.http().ingest(turn("t" + i, DISCORD, exchange("q" + i, "a" + i,
                        "2026-06-01T10:0" + i + ":00Z")));
            }
            JsonNode all = recall(server, key(DISCORD)).json();
            assertThat(all.get("text").asText()).isEqualTo("""
                    Timestamp: 2026-06-01T10:02:00.000Z

                    User:
                    q2

                    Assistant:
                    a2

                    ---

                    Timestamp: 2026-06-01T10:03:00.000Z

                    User:
                    q3

                    Assistant:
                    a3""");
            assertThat(all.get("turns").get(1).get("advancementKey").asText()).isEqualTo("t3");
            assertThat(recall(server, key(DISCORD) + "&max_turns=1").json().get("turns")).hasSize(1);
            assertThat(recall(server, key(DISCORD) + "&max_turns=0").json().get("turns")).hasSize(2);
            assertThat(recall(server, key(DISCORD) + "&max_turns=99").json().get("turns")).hasSize(2);
            assertThat(recall(server, key("agent:other:web")).json().get("text").asText())
                    .isEqualTo("No recalled turns found for this sessionKey.");

            Http.Response bad = recall(server, key(DISCORD) + "&max_turns=-1");
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().get("detail").asText())
                    .isEqualTo("universal_recall maxTurns must be a non-negative integer.");
            Http.Response unknown = recall(server, key(DISCORD) + "&maxTurns=1&b=2");
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.json().get("detail").asText())
                    .isEqualTo("universal_recall has unknown parameter(s): b, maxTurns.");
            Http.Response noKey = recall(server, "");
            assertThat(noKey.status()).isEqualTo(422);
            assertThat(noKey.json().get("detail").asText())
                    .isEqualTo("universal_recall is unavailable because sessionKey is unavailable.");
            assertThat(server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/recall" + key(DISCORD))).GET().build()).status()).isEqualTo(401);
        }
    }

    @Test
    void recallIsOffByDefault() throws Exception {
        try (TestServer server = start("{}")) {
            server.http().ingest(turn("t1", DISCORD, exchange("q", "a", "2026-06-01T10:05:00Z")));
            assertThat(recall(server, key(DISCORD)).status()).isEqualTo(404);
            assertThat(Files.exists(server.vault().resolve("recall"))).isFalse();
        }
    }

    @Test
    void conversationTurnsNeedARawRefAndATranscript() throws Exception {
        try (TestServer server = start("{}")) {
            ObjectNode body = (ObjectNode) JSON.readTree(turn("t1", DISCORD, exchange("q", "a", "x")));
            ObjectNode event = (ObjectNode) body.get("events").get(0);
            event.remove("raw_ref");
            ((ObjectNode) event.get("data")).put("messages", "not a list");
            ((ObjectNode) event.get("data")).put("pre_prompt_message_count", -1);
            Http.Response response = server.http().ingest(body.toString());
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.body()).contains("\"loc\":[\"body\",\"events\",0,\"data\",\"messages\"]")
                    .contains("\"loc\":[\"body\",\"events\",0,\"data\",\"pre_prompt_message_count\"]")
                    .contains("\"loc\":[\"body\",\"events\",0,\"raw_ref\"]");
        }
    }

    @Test
    void aTurnWithoutAMessageTimestampUsesTheEventTime() throws Exception {
        try (TestServer server = start("{\"timezone\": \"UTC\"}")) {
            ArrayNode messages = exchange("q", "a", "x");
            ((ObjectNode) messages.get(1)).remove("timestamp");
            server.http().ingest(turn("t1", null, messages));
            assertThat(server.file("conversations/conversations-2026-06-01.md")).contains("### 10:05\n");
            assertThat(Instant.ofEpochSecond(1_780_308_300L)).hasToString("2026-06-01T10:05:00Z");
        }
    }
}
