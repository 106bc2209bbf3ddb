package dev.openclone.support;

import dev.openclone.config.Settings;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.privacy.TenantPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for a server in a test, built step by step: loopback, any free port, no rate limit, everything in one
 * temp folder ({@code vault/}, {@code home/}, {@code plugins/}), the zone UTC and the key {@link TestServer#KEY}.
 */
public final class TestSettings {

    private final Path dir;
    private String apiKey = TestServer.KEY;
    private ZoneId zone = ZoneId.of("UTC");
    private int port;
    private int rateLimit;
    private Duration rateWindow = Settings.RATE_LIMIT_WINDOW;
    private Path plugins;
    private Path vault;
    private Map<String, TenantPolicy> policies = Map.of();
    private ConversationConfig conversation;

    private TestSettings(Path dir) {
        this.dir = dir;
        this.plugins = dir.resolve("plugins");
        this.vault = dir.resolve("vault");
    }

    public static TestSettings in(Path dir) {
        return new TestSettings(dir);
    }

    public TestSettings key(String key) {
        this.apiKey = key;
        return this;
    }

    public TestSettings zone(ZoneId value) {
        this.zone = value;
        return this;
    }

    public TestSettings port(int value) {
        this.port = value;
        return this;
    }

    /** Requests per window and key; 0 (the default here) = off. */
    public TestSettings rateLimit(int perWindow) {
        this.rateLimit = perWindow;
        return this;
    }

    /** The rate-limit window; a minute as shipped, shorter so a test waits seconds, not a minute. */
    public TestSettings rateWindow(Duration window) {
        this.rateWindow = window;
        return this;
    }

    public TestSettings plugins(Path folder) {
        this.plugins = folder;
        return this;
    }

    public TestSettings policies(Map<String, TenantPolicy> value) {
        this.policies = value;
        return this;
    }

    public TestSettings conversation(ConversationConfig value) {
        this.conversation = value;
        return this;
    }

    /** The default tenant's vault; {@code dir/vault} unless set. */
    public TestSettings vault(Path folder) {
        this.vault = folder;
        return this;
    }

    public Path vault() {
        return vault;
    }

    public Settings build() {
        return new Settings(apiKey, false, "127.0.0.1", port, vault(), dir.resolve("home"), plugins, zone,
                Optional.empty(), rateLimit, rateWindow, dir.resolve(".env"), policies,
                conversation != null ? conversation : ConversationConfig.defaults(zone));
    }
}
