package dev.openclone.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.RawHttp;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One key holding many slow uploads must not stall anyone else: before, 16 of them took every work slot while
 * their bodies trickled in, another tenant waited 57 s, and health stopped answering. Now a body is received
 * before it takes a slot, a key has a share of the slots, and a body slower than the minimum rate is cut.
 */
class SlowClientTest {

    @TempDir
    Path dir;

    @Test
    void anotherTenantIsAnsweredWithinASecondWhileOneKeyHoldsSlowUploads() throws Exception {
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s);
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobKey = registry.createKey("bob", "laptop", Set.of(), false).key();
            server.awaitKey(bobKey);
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    OutputStream out = socket.getOutputStream();
                    out.write(RawHttp.ingestHead("Content-Length: 200000\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write("{\"source_type\":".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                Thread.sleep(300);

                long started = System.nanoTime();
                Http.Response bobs = server.http().ingest(Bodies.braindumps("bob-", "bob is not kept waiting"), bobKey);
                long bobMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(bobs.status()).isEqualTo(200);
                assertThat(bobMillis).as("bob's ingest took %d ms", bobMillis).isLessThan(1_000);

                started = System.nanoTime();
                Http.Response own = server.http().ingest(Bodies.braindumps("own-", "the slow key's fast request"));
                assertThat(own.status()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);

                started = System.nanoTime();
                assertThat(server.http().get("/api/v1/health").status()).isEqualTo(200);
                assertThat(server.http().get("/metrics").status()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyArrivingSlowerThanTheMinimumRateIsCutWithJson408() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(RawHttp.ingestHead("Content-Length: 100000\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long started = System.nanoTime();
                String answer = "";
                try {
                    // 100 bytes a second, far below the minimum: the server gives up on the body.
                    for (int i = 0; i < 200 && answer.isEmpty(); i++) {
                        out.write(" ".repeat(100).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(1_000);
                        if (socket.getInputStream().available() > 0) {
                            answer = RawHttp.readAnswer(socket.getInputStream());
                        }
                    }
                } catch (IOException closed) {
                    answer = RawHttp.readAnswer(socket.getInputStream());
                }
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                assertThat(RawHttp.status(answer)).as(answer).isEqualTo(408);
                assertThat(Bodies.JSON.readTree(RawHttp.body(answer)).get("detail").asText()).isNotBlank();
                assertThat(seconds).as("cut after %d s", seconds).isLessThan(30);
            }
            assertThat(server.http().get("/api/v1/health").status()).isEqualTo(200);
        }
    }
}
