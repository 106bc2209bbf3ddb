package dev.openclone.support;

import dev.openclone.server.OpenCloneServer;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/** A real server on a free loopback port, with its vault in a test's temp folder. */
public final class TestServer implements AutoCloseable {

    public static final String KEY = "test-key-0123456789abcdef";

    private final OpenCloneServer server;
    private final Path vault;
    private final Http http;

    private TestServer(OpenCloneServer server, Path vault) {
        this.server = server;
        this.vault = vault;
        this.http = new Http("http://127.0.0.1:" + server.port());
    }

    public static TestServer start(Path dir) throws Exception {
        return start(dir, UTC, Clock.systemUTC(), settings -> settings);
    }

    public static final ZoneId UTC = ZoneId.of("UTC");

    /** A server whose settings a test adjusts: policies, rate limit. OPENCLONE_HOME is {@code dir/home}. */
    public static TestServer start(Path dir, ZoneId zone, Clock clock, UnaryOperator<TestSettings> adjust)
            throws Exception {
        TestSettings settings = adjust.apply(TestSettings.in(dir).zone(zone));
        return new TestServer(OpenCloneServer.start(settings.build(), clock), settings.vault());
    }

    /** The tenant registry the server reads, as the command line would open it. */
    public static TenantRegistry registry(Path dir) throws Exception {
        return TenantRegistry.open(dir.resolve("home"), dir.resolve("vault"), Clock.systemUTC());
    }

    /**
     * Waits until the server knows a key created in the registry (it reloads within a second): polls a route any
     * key may call, for at most five seconds.
     */
    public void awaitKey(String key) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (http.get("/api/v1/plugins", key).status() == 401) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not pick up a new key within 5 s");
            }
            Thread.sleep(20);
        }
    }

    public Http http() {
        return http;
    }

    public Path vault() {
        return vault;
    }

    public int port() {
        return server.port();
    }

    /** A vault file's text, or "" when it does not exist. */
    public String file(String relative) throws IOException {
        Path path = vault.resolve(relative);
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        server.close();
    }
}
