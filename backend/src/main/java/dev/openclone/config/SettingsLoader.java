package dev.openclone.config;

import dev.openclone.conversation.ConversationConfig;
import dev.openclone.tenant.KeyRing;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Resolves {@link Settings}: command-line flag, then environment variable, then {@code backend/.env}, then
 * default. Relative paths from flags and the environment are taken from the working directory, as a shell user
 * expects; defaults and relative paths written in {@code backend/.env} are taken from the project root, so
 * {@code ./openclone serve} finds the same vault wherever it is started from.
 */
public final class SettingsLoader {

    private final Map<String, String> flags;
    private final Map<String, String> environment;
    private final Path root;
    private final Path workingDir;

    /**
     * @param flags       values given on the command line, keyed by variable name ({@code OPENCLONE_PORT})
     * @param environment the process environment
     * @param root        the project root: {@code backend/.env} and the default folders live there
     */
    public SettingsLoader(Map<String, String> flags, Map<String, String> environment, Path root) {
        this.flags = Map.copyOf(flags);
        this.environment = environment;
        this.root = root.toAbsolutePath().normalize();
        this.workingDir = Path.of("").toAbsolutePath();
    }

    /** Reads every setting; writes a generated key to {@code backend/.env} when none is set anywhere. */
    public Settings load() throws SettingsException {
        return load(true);
    }

    /**
     * Reads every setting. With {@code generateKey} false (for the command line's admin commands), a missing
     * {@code API_KEY} stays missing (null) and nothing is written.
     */
    public Settings load(boolean generateKey) throws SettingsException {
        Path envFile = root.resolve("backend").resolve(".env");
        Map<String, String> dotEnv;
        try {
            dotEnv = DotEnv.read(envFile);
        } catch (IOException e) {
            throw new SettingsException("backend/.env: cannot be read (" + envFile + "): " + e.getMessage());
        }
        Lookup lookup = new Lookup(dotEnv);

        String host = lookup.value("OPENCLONE_HOST").map(Value::text).orElse("127.0.0.1");
        if (host.isBlank()) {
            throw new SettingsException("OPENCLONE_HOST: must not be empty (example: 127.0.0.1)");
        }
        int port = integer(lookup, "OPENCLONE_PORT", Settings.DEFAULT_PORT, 0, 65_535,
                "a port number from 0 to 65535 (0 = any free port)");
        int rateLimit = integer(lookup, "OPENCLONE_RATE_LIMIT", Settings.DEFAULT_RATE_LIMIT, 0, 1_000_000,
                "requests per minute per key, 0 to turn the limit off");
        Path vault = path(lookup, "OPENCLONE_VAULT", "vault");
        Path home = path(lookup, "OPENCLONE_HOME", "data");
        Path plugins = path(lookup, "OPENCLONE_PLUGINS", "plugins");
        ZoneId zone = zone(lookup);
        Optional<Path> config = config(lookup);
        PolicyConfig.Parsed parsed = config.isPresent() ? PolicyConfig.read(config.get(), zone)
                : new PolicyConfig.Parsed(Map.of(), ConversationConfig.defaults(zone));

        Optional<Value> key = lookup.value("API_KEY");
        if (key.isPresent() && key.get().text().isBlank()) {
            throw new SettingsException("API_KEY: must not be empty (remove it to have a key generated)");
        }
        boolean generated = key.isEmpty() && generateKey;
        String apiKey = null;
        if (generated) {
            apiKey = KeyRing.newKey();
            try {
                DotEnv.appendApiKey(envFile, apiKey);
            } catch (IOException e) {
                throw new SettingsException("API_KEY: not set, and a generated key cannot be written to " + envFile
                        + ": " + e.getMessage());
            }
        } else if (key.isPresent()) {
            apiKey = key.get().text();
        }
        return new Settings(apiKey, generated, host, port, vault, home, plugins, zone, config, rateLimit,
                Settings.RATE_LIMIT_WINDOW, envFile,
                parsed.tenants(), parsed.conversation());
    }

    private int integer(Lookup lookup, String name, int fallback, int min, int max, String expected)
            throws SettingsException {
        Optional<Value> value = lookup.value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get().text().strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingsException(name + ": '" + value.get().text() + "' is not " + expected);
    }

    private Path path(Lookup lookup, String name, String fallback) throws SettingsException {
        Optional<Value> value = lookup.value(name);
        if (value.isEmpty()) {
            return root.resolve(fallback);
        }
        if (value.get().text().isBlank()) {
            throw new SettingsException(name + ": must not be empty");
        }
        try {
            Path base = value.get().fromDotEnv() ? root : workingDir;
            return base.resolve(value.get().text().strip()).normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException(name + ": '" + value.get().text() + "' is not a valid path");
        }
    }

    /** UTC under its plain name: Debian's system zone is "Etc/UTC", which every answer would otherwise show. */
    public static ZoneId named(ZoneId zone) {
        return Set.of("Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu", "Z")
                .contains(zone.getId()) ? ZoneId.of("UTC") : zone;
    }

    private ZoneId zone(Lookup lookup) throws SettingsException {
        Optional<Value> value = lookup.value("OPENCLONE_TIMEZONE");
        if (value.isEmpty()) {
            return named(ZoneId.systemDefault());
        }
        try {
            return named(ZoneId.of(value.get().text().strip()));
        } catch (DateTimeException e) {
            throw new SettingsException("OPENCLONE_TIMEZONE: '" + value.get().text()
                    + "' is not a time zone (use an IANA name such as Europe/Berlin, or UTC)");
        }
    }

    private Optional<Path> config(Lookup lookup) throws SettingsException {
        return lookup.value("OPENCLONE_CONFIG").isEmpty()
                ? Optional.empty()
                : Optional.of(path(lookup, "OPENCLONE_CONFIG", ""));
    }

    private record Value(String text, boolean fromDotEnv) {
    }

    private final class Lookup {
        private final Map<String, String> dotEnv;

        Lookup(Map<String, String> dotEnv) {
            this.dotEnv = dotEnv;
        }

        Optional<Value> value(String name) {
            if (flags.containsKey(name)) {
                return Optional.of(new Value(flags.get(name), false));
            }
            String env = environment.get(name);
            if (env != null) {
                return Optional.of(new Value(env, false));
            }
            String fromFile = dotEnv.get(name);
            return fromFile == null ? Optional.empty() : Optional.of(new Value(fromFile, true));
        }
    }
}
