package dev.openclone.cli;

import dev.openclone.config.Settings;
import dev.openclone.config.SettingsException;
import dev.openclone.config.SettingsLoader;
import dev.openclone.server.OpenCloneServer;
import dev.openclone.store.StorageException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openclone serve}: runs the server until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the OpenClone server.",
            "Each setting comes from its flag, else its environment variable, else backend/.env,",
            "else its default.",
            "Without API_KEY anywhere, the first start writes a random key to backend/.env (mode 600).",
            "Stop it with Ctrl-C or SIGTERM: requests in flight are finished first."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:a vault, its index or the tenant registry could not be opened",
            "2:a setting is invalid (one line on stderr names it)"})
public final class ServeCommand implements Callable<Integer> {


    @Option(names = "--host", paramLabel = "ADDRESS", description = "Bind address (OPENCLONE_HOST, default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port, 0 for any free port (OPENCLONE_PORT, default 8000).")
    String port;

    @Option(names = "--vault", paramLabel = "DIR", description = "Vault of the default tenant (OPENCLONE_VAULT, "
            + "default ./vault).")
    String vault;

    @Option(names = "--home", paramLabel = "DIR", description = "Server state (OPENCLONE_HOME, default ./data).")
    String home;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder scanned for */plugin.json (OPENCLONE_PLUGINS, default ./plugins).")
    String plugins;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "Zone of daily files and entry times (OPENCLONE_TIMEZONE, default: the system zone).")
    String timezone;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON policy file (OPENCLONE_CONFIG).")
    String config;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Ingest requests per minute per key, and apart from them MCP tool calls; 0 = off "
                    + "(OPENCLONE_RATE_LIMIT, default 60).")
    String rateLimit;

    @Override
    public Integer call() {
        // Looked up here, not in a static field: client commands never start logging (Logback's set-up alone
        // would double their start-up time).
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        Settings settings;
        try {
            settings = new SettingsLoader(flags(), System.getenv(), root()).load();
        } catch (SettingsException e) {
            System.err.println("openclone: " + e.getMessage());
            return 2;
        }
        if (settings.apiKeyGenerated()) {
            log.info("No API_KEY was set: generated a key for the default tenant and wrote it to {} (mode 600)",
                    settings.envFile());
        }
        OpenCloneServer server;
        try {
            server = OpenCloneServer.start(settings, Clock.systemUTC());
        } catch (StorageException e) {
            System.err.println("openclone: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                System.err.println("openclone: OPENCLONE_PORT: cannot listen on " + settings.host() + ":"
                        + settings.port() + " (address already in use?)");
                return 2;
            }
            throw e;
        }
        try {
            ServerAddress.record(settings.home(), ServerAddress.url(settings.host(), server.port()));
        } catch (IOException e) {
            log.warn("Could not record where the server listens in {}: {}", settings.home(), e.toString());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing requests in flight");
            server.close();
            ServerAddress.forget(settings.home());
            stopped.countDown();
            // Ctrl-C and SIGTERM are the normal way to stop a server: exit 0 as --help says, not 130 or 143.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        put(flags, "OPENCLONE_HOST", host);
        put(flags, "OPENCLONE_PORT", port);
        put(flags, "OPENCLONE_VAULT", vault);
        put(flags, "OPENCLONE_HOME", home);
        put(flags, "OPENCLONE_PLUGINS", plugins);
        put(flags, "OPENCLONE_TIMEZONE", timezone);
        put(flags, "OPENCLONE_CONFIG", config);
        put(flags, "OPENCLONE_RATE_LIMIT", rateLimit);
        return flags;
    }

    private static void put(Map<String, String> flags, String name, String value) {
        if (value != null) {
            flags.put(name, value);
        }
    }

    /** The project root holding backend/.env: set by the launcher, else the working directory. */
    static Path root() {
        String root = System.getProperty("openclone.root");
        return Path.of(root == null || root.isBlank() ? "" : root).toAbsolutePath();
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
