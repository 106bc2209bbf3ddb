package dev.openclone.config;

import dev.openclone.conversation.ConversationConfig;
import java.nio.file.Path;
import dev.openclone.privacy.TenantPolicy;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server needs to start, resolved from flags, environment, {@code backend/.env} and defaults
 * (in that order of precedence) by {@link SettingsLoader}.
 *
 * @param apiKey            key of the default tenant
 * @param apiKeyGenerated   true when this start generated the key and wrote it to {@code envFile}
 * @param host              bind address
 * @param port              port, 0 for any free port
 * @param vault             vault folder of the default tenant
 * @param home              server state folder
 * @param plugins           folder scanned for {@code * /plugin.json}
 * @param timezone          zone that decides a daily file's date and an entry's {@code HH:MM}
 * @param config            optional JSON policy file
 * @param rateLimitPerMinute ingest requests per minute per key, 0 for no limit
 * @param envFile           the {@code backend/.env} file that was read
 * @param policies          tenants' privacy policies from {@code config}, by tenant name
 * @param conversation      conversation capture settings, the {@code conversation} section of {@code config}
 */
public record Settings(
        String apiKey,
        boolean apiKeyGenerated,
        String host,
        int port,
        Path vault,
        Path home,
        Path plugins,
        ZoneId timezone,
        Optional<Path> config,
        int rateLimitPerMinute,
        Path envFile,
        Map<String, TenantPolicy> policies,
        ConversationConfig conversation) {

    public Settings {
        policies = Map.copyOf(policies);
    }

    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_RATE_LIMIT = 60;

    /** Settings for a server in tests or embedded use: loopback, any free port, the given vault. */
    public static Settings forVault(Path vault, String apiKey, ZoneId zone) {
        return new Settings(apiKey, false, "127.0.0.1", 0, vault, vault.resolveSibling(vault.getFileName() + "-home"),
                vault.resolveSibling(vault.getFileName() + "-plugins"), zone, Optional.empty(), DEFAULT_RATE_LIMIT,
                vault.resolveSibling(".env"), Map.of(), ConversationConfig.defaults(zone));
    }

    public Settings withRateLimit(int perMinute) {
        return new Settings(apiKey, apiKeyGenerated, host, port, vault, home, plugins, timezone, config, perMinute,
                envFile, policies, conversation);
    }

    public Settings withPort(int newPort) {
        return new Settings(apiKey, apiKeyGenerated, host, newPort, vault, home, plugins, timezone, config,
                rateLimitPerMinute, envFile, policies, conversation);
    }

    public Settings withHome(Path newHome) {
        return new Settings(apiKey, apiKeyGenerated, host, port, vault, newHome, plugins, timezone, config,
                rateLimitPerMinute, envFile, policies, conversation);
    }

    public Settings withPlugins(Path newPlugins) {
        return new Settings(apiKey, apiKeyGenerated, host, port, vault, home, newPlugins, timezone, config,
                rateLimitPerMinute, envFile, policies, conversation);
    }

    public Settings withPolicies(Map<String, TenantPolicy> newPolicies) {
        return new Settings(apiKey, apiKeyGenerated, host, port, vault, home, plugins, timezone, config,
                rateLimitPerMinute, envFile, newPolicies, conversation);
    }

    public Settings withConversation(ConversationConfig newConversation) {
        return new Settings(apiKey, apiKeyGenerated, host, port, vault, home, plugins, timezone, config,
                rateLimitPerMinute, envFile, policies, newConversation);
    }

    /** The policy of a tenant: its config section, or the default (redaction on, nothing excluded). */
    public TenantPolicy policy(String tenant) {
        return policies.getOrDefault(tenant, TenantPolicy.DEFAULT);
    }
}
