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

    static TenantRegistry open() throws SettingsException, SQLException, IOException {
        Settings settings = new SettingsLoader(java.util.Map.of(), System.getenv(), ServeCommand.root()).load(false);
        return TenantRegistry.open(settings.home(), settings.vault(), Clock.systemUTC());
    }

    static String time(Double epochSeconds) {
        return epochSeconds == null ? "never" : SHOWN.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)));
    }
}
