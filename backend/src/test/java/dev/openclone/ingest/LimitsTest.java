package dev.openclone.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth, body size and rate limit: the checks before a body is even parsed. */
class LimitsTest {

    @TempDir
    Path dir;

    @Test
    void missingOrUnknownKeyIs401AndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (String key : new String[] {null, "", "wrong", TestServer.KEY + "x", TestServer.KEY.substring(1)}) {
                Http.Response response = server.http().ingest(Bodies.SEED_CURL_BODY, key);
                assertThat(response.status()).as("key %s", key).isEqualTo(401);
                assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid or missing X-API-Key\"}");
            }
            assertThat(Files.exists(server.vault().resolve("Braindump"))).isFalse();
        }
    }

    @Test
    void bodyOfOneMebibytePlusOneByteIs413AndExactlyOneMebibyteIsAccepted() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            byte[] exact = bodyOfSize(IngestService.MAX_BODY_BYTES);
            Http.Response accepted = server.http().ingestBytes(exact);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

            // As curl sends a large body: headers with Expect: 100-continue, the body only after "100 Continue".
            byte[] over = bodyOfSize(IngestService.MAX_BODY_BYTES + 1);
            String answer = rawRequest(server, over.length, "Expect: 100-continue\r\n");

            assertThat(answer).startsWith("HTTP/1.1 413").endsWith("{\"detail\":\"Payload too large\"}");
            assertThat(server.file("Braindump/2024-02-18.md")).doesNotContain("padding-7");
        }
    }

    @Test
    void announcedOversizedBodyIsRefusedFromTheHeadersAloneWithoutReadingIt() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            // Not one byte of the body is sent: the answer can only come from the headers.
            assertThat(rawRequest(server, IngestService.MAX_BODY_BYTES + 1, "")).startsWith("HTTP/1.1 413");
        }
    }

    /** Sends only the head of an ingest request announcing {@code length} bytes; returns the whole answer. */
    static String rawRequest(TestServer server, long length, String extraHeaders) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestServer.KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n" + extraHeaders
                    + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413Too() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            byte[] over = bodyOfSize(IngestService.MAX_BODY_BYTES + 1);
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest"))
                    .header("X-API-Key", TestServer.KEY)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(over)))
                    .build();
            assertThat(server.http().send(request).status()).isEqualTo(413);
        }
    }

    @Test
    void sixtyFirstRequestInAMinuteIs429WithRetryAfter() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.rateLimit(60))) {
            for (int i = 0; i < 60; i++) {
                Http.Response ok = server.http().ingest(Bodies.braindumps("rate-" + i + "-", "request " + i));
                assertThat(ok.status()).as("request %d", i + 1).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("60");
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(59 - i));
            }

            Http.Response limited = server.http().ingest(Bodies.braindumps("rate-61-", "request 61"));

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("{\"detail\":\"Rate limit exceeded\"}");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(server.file("Braindump/2024-02-18.md")).contains("request 59").doesNotContain("request 61");
            // A wrong key does not spend the owner's budget, and is told 401, not 429.
            assertThat(server.http().ingest(Bodies.SEED_CURL_BODY, "other").status()).isEqualTo(401);
        }
    }

    @Test
    void aKeysBudgetRefillsWhenItsWindowEnds() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(),
                s -> s.rateLimit(2).rateWindow(Duration.ofSeconds(1)))) {
            assertThat(server.http().ingest(Bodies.braindumps("w1-", "one")).status()).isEqualTo(200);
            assertThat(server.http().ingest(Bodies.braindumps("w2-", "two")).status()).isEqualTo(200);
            Http.Response limited = server.http().ingest(Bodies.braindumps("w3-", "three"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("1");

            long deadline = System.nanoTime() + 3_000_000_000L;
            Http.Response retry;
            do {
                Thread.sleep(100);
                retry = server.http().ingest(Bodies.braindumps("w3-", "three"));
            } while (retry.status() == 429 && System.nanoTime() < deadline);
            assertThat(retry.status()).as("allowed again once the window has passed").isEqualTo(200);
        }
    }

    @Test
    void rateLimitZeroTurnsTheLimitOff() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < 70; i++) {
                assertThat(server.http().ingest(Bodies.braindumps("free-" + i + "-", "x")).status()).isEqualTo(200);
            }
        }
    }

    /** A valid braindump batch padded with text to exactly {@code size} bytes. */
    static byte[] bodyOfSize(int size) {
        ObjectNode batch = Bodies.batch("braindump");
        ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME, "padding-" + (size % 10));
        data.put("text", "");
        int base = batch.toString().getBytes(StandardCharsets.UTF_8).length;
        data.put("text", "p".repeat(size - base));
        byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(size);
        return body;
    }
}
