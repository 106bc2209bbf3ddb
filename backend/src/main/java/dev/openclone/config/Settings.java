package dev.openclone.config;

import dev.openclone.conversation.ConversationConfig;
import dev.openclone.privacy.TenantPolicy;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param rateLimitWindow   the window those requests are counted in: one minute as shipped (SPEC §4); tests
 *                          shorten it so a rate-limit storm takes seconds
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
        Duration rateLimitWindow,
        Path envFile,
        Map<String, TenantPolicy> policies,
        ConversationConfig conversation) {

    public Settings {
        policies = Map.copyOf(policies);
    }

    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_RATE_LIMIT = 60;
    public static final Duration RATE_LIMIT_WINDOW = Duration.ofMinutes(1);

    /** The policy of a tenant: its config section, or the default (redaction on, nothing excluded). */
    public TenantPolicy policy(String tenant) {
        return policies.getOrDefault(tenant, TenantPolicy.DEFAULT);
    }
}
