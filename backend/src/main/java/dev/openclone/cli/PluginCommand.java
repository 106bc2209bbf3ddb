package dev.openclone.cli;

import dev.openclone.event.SourceType;
import dev.openclone.plugin.PluginCatalog;
import dev.openclone.plugin.PluginChecker;
import dev.openclone.plugin.PluginScaffold;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone plugin check|new}: the publishing checklist, and a plugin folder that passes it. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = "Check plugin folders against the publishing checklist, or create a new plugin folder.",
        subcommands = {PluginCommand.Check.class, PluginCommand.New.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:passes / created", "1:checklist failures (one line each) / refused", "2:bad usage"})
public final class PluginCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Run the publishing checklist on plugin folders.",
                "It wants: a valid plugin.json with known source types; a README.md with install steps;",
                "an executable install.sh (if any); no hard-coded keys or personal data;",
                "HIGH and CRITICAL plugins disabled by default. One line per failure."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Plugin folders.")
        List<Path> dirs;

        @Override
        public Integer call() throws Exception {
            int failed = 0;
            for (Path dir : dirs) {
                List<String> failures = PluginChecker.check(dir);
                if (failures.isEmpty()) {
                    PluginCatalog.Entry entry = PluginCatalog.read(dir);
                    System.out.println("ok: " + dir + " (" + entry.id() + " "
                            + entry.manifest().map(m -> m.version() + ", " + m.status().name().toLowerCase(
                                    java.util.Locale.ROOT)).orElse("") + ") passes the publishing checklist");
                } else {
                    failed++;
                    failures.forEach(failure -> System.out.println(failure.startsWith(dir + ": ") ? failure
                            : dir + ": " + failure));
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Create a plugin folder that passes the checklist and can send a first event.",
                "It goes into the plugins folder (OPENCLONE_PLUGINS, default ./plugins), where the registry",
                "lists it after the next start, unless --dir says otherwise."})
    static final class New implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "Kebab-case plugin id, such as my-notes.")
        String id;

        @Option(names = "--source-type", required = true, paramLabel = "TYPE", description = "What it captures.")
        String sourceType;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "The folder to create it in (default: OPENCLONE_PLUGINS, else ./plugins).")
        Path parent;

        @Override
        public Integer call() {
            return TenantCommand.Admin.run(() -> {
                SourceType type = SourceType.fromWire(sourceType).orElseThrow(() -> new IllegalArgumentException(
                        "unknown source type '" + sourceType + "' (one of " + SourceType.wireNames() + ")"));
                Path dir = PluginScaffold.create((parent != null ? parent : Registry.settings().plugins()).toAbsolutePath(), id,
                        type);
                System.out.println("Created " + dir + " — next: cd " + dir + " && ./install.sh && ./send-example.sh");
                return 0;
            });
        }
    }
}
