package dev.openclone.support;

import dev.openclone.config.Settings;
import dev.openclone.server.OpenCloneServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.UnaryOperator;
import dev.openclone.tenant.TenantRegistry;

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
        return start(dir, UTC, Clock.systemUTC(), 0);
    }

    public static final ZoneId UTC = ZoneId.of("UTC");

    /** @param rateLimit requests per minute per key; 0 = off (most tests), 60 = as shipped */
    public static TestServer start(Path dir, ZoneId zone, Clock clock, int rateLimit) throws Exception {
        return start(dir, zone, clock, settings -> settings.withRateLimit(rateLimit));
    }

    /** A server whose settings a test adjusts: policies, rate limit. OPENCLONE_HOME is {@code dir/home}. */
    public static TestServer start(Path dir, ZoneId zone, Clock clock, UnaryOperator<Settings> adjust)
            throws Exception {
        Path vault = dir.resolve("vault");
        Settings settings = adjust.apply(Settings.forVault(vault, KEY, zone).withRateLimit(0)
                .withHome(dir.resolve("home")));
        return new TestServer(OpenCloneServer.start(settings, clock), vault);
    }

    /** The tenant registry the server reads, as the command line would open it. */
    public static TenantRegistry registry(Path dir) throws Exception {
        return TenantRegistry.open(dir.resolve("home"), dir.resolve("vault"), Clock.systemUTC());
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
