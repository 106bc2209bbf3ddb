package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.RawHttp;
import dev.openclone.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no plugin should send, each reproducing a defect an attack on a running server found: every one is
 * answered with JSON {@code {"detail": …}} and a 4xx, nothing of it is stored, and the server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestTest {

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aHugePluginVersionIsA422NotAStackOverflow() throws Exception {
        ObjectNode body = (ObjectNode) Bodies.JSON.readTree(Bodies.SEED_CURL_BODY);
        body.put("plugin_version", "1.0.0-" + "a.".repeat(1_200) + "a");
        Http.Response response = server.http().ingest(body.toString());
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"plugin_version\"]");
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset() throws Exception {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF4, (byte) 0x90,
                (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            String template = Bodies.braindumps("utf8-", "before XX after");
            int at = template.indexOf("XX");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(template.substring(0, at).getBytes(StandardCharsets.UTF_8));
            body.write(bad);
            body.write(template.substring(at + 2).getBytes(StandardCharsets.UTF_8));
            Http.Response response = server.http().ingestBytes(body.toByteArray());
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            JsonNode error = response.json().get("detail").get(0);
            assertThat(error.get("type").asText()).isEqualTo("json_invalid");
            assertThat(error.get("loc").get(1).asInt()).isEqualTo(at);
        }
        assertThat(server.file("Braindump/2024-02-18.md")).doesNotContain("before");
    }

    @Test
    void rawRefsWithLoneSurrogatesAreRefusedNotMergedIntoOneKey() throws Exception {
        for (String rawRef : List.of("dd\\ud800", "dd\\udfff")) {
            String body = Bodies.braindumps("x-", "surrogate").replaceFirst("\"raw_ref\":\"[^\"]*\"",
                    Matcher.quoteReplacement("\"raw_ref\":\"" + rawRef + "\""));
            Http.Response response = server.http().ingest(body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("type").asText()).isEqualTo("string_unicode");
        }
        String paired = Bodies.braindumps("y-", "a paired surrogate").replaceFirst("\"raw_ref\":\"[^\"]*\"",
                Matcher.quoteReplacement("\"raw_ref\":\"pair-\\ud83d\\ude00\""));
        assertThat(server.http().ingest(paired).status()).isEqualTo(200);
    }

    @Test
    void rawRefLengthCountsCharactersNotUtf16Units() throws Exception {
        String emoji = "\uD83D\uDE00";
        assertThat(server.http().ingest(withRawRef(emoji.repeat(512), "512 emoji")).status()).isEqualTo(200);
        Http.Response tooLong = server.http().ingest(withRawRef(emoji.repeat(513), "513 emoji"));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("detail").get(0).get("type").asText()).isEqualTo("string_too_long");
    }

    private static String withRawRef(String rawRef, String text) {
        ObjectNode batch = Bodies.batch("braindump");
        Bodies.event(batch, Bodies.SEED_TIME, rawRef).put("text", text);
        return batch.toString();
    }

    @Test
    void anOversizedBodySentWholeBeforeReadingGets413NotABrokenPipe() throws Exception {
        // What Python's urllib and http.client do: write the whole body, only then read the answer.
        for (int size : List.of(1_048_577, 8 * 1_048_576)) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(RawHttp.ingestHead("Content-Length: " + size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, size - sent));
                }
                out.flush();
                String answer = RawHttp.readAnswer(socket.getInputStream());
                assertThat(RawHttp.status(answer)).as("%d bytes", size).isEqualTo(413);
                assertThat(RawHttp.body(answer)).isEqualTo("{\"detail\":\"Payload too large\"}");
            }
        }
    }

    @Test
    void whatJettyRefusesIsAnsweredInJsonToo() throws Exception {
        String badLine = RawHttp.exchange(server.port(), "GET /api/v1/health HTTP/9.9 nonsense\r\n\r\n");
        String longUri = RawHttp.exchange(server.port(), "GET /" + "a".repeat(100_000)
                + " HTTP/1.1\r\nHost: x\r\n\r\n");
        String bigHeader = RawHttp.exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(100_000) + "\r\n\r\n");
        String badChunk = RawHttp.exchange(server.port(), RawHttp.ingestHead("Transfer-Encoding: chunked\r\n")
                + "zz\r\n{}\r\n0\r\n\r\n");
        for (String answer : List.of(badLine, longUri, bigHeader, badChunk)) {
            assertThat(RawHttp.status(answer)).as(answer).isBetween(400, 499);
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(answer)
                    .contains("content-type: application/json");
            assertThat(Bodies.JSON.readTree(RawHttp.body(answer)).get("detail").asText()).as(answer).isNotBlank();
        }
        assertThat(RawHttp.status(badChunk)).as("a malformed chunk size is the client's error").isEqualTo(400);
        assertThat(server.http().get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void recallOffSaysSo() throws Exception {
        Http.Response response = server.http().get("/api/v1/recall?session_key=agent:main:main", TestServer.KEY);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).contains("Recall is off", "recallTurns");
    }
}
