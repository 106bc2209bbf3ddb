package dev.openclone.cli;

import dev.openclone.config.Settings;
import dev.openclone.config.SettingsException;
import dev.openclone.config.SettingsLoader;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Opens the tenant registry for the admin commands, found through {@code OPENCLONE_HOME} like the server does. */
final class Registry {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Registry() {
    }

    /**
     * The settings as {@code serve} would read them (environment, then {@code backend/.env}, then defaults),
     * without generating a key: where the vault, OPENCLONE_HOME and the plugins are.
     */
    static Settings settings() throws SettingsException {
        return new SettingsLoader(java.util.Map.of(), System.getenv(), ServeCommand.root()).load(false);
    }

    static TenantRegistry open() throws SettingsException, SQLException, IOException {
        Settings settings = settings();
        return TenantRegistry.open(settings.home(), settings.vault(), Clock.systemUTC());
    }

    static String time(Double epochSeconds) {
        return epochSeconds == null ? "never" : SHOWN.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)));
    }
}
