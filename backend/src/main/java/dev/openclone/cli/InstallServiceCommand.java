package dev.openclone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openclone install-service}: a {@code systemd} unit that runs {@code ./openclone serve} from this folder,
 * restarts it when it fails and starts it at login (or, with {@code --system}, at boot as this user).
 */
@Command(name = "install-service", mixinStandardHelpOptions = true,
        description = {"Install a systemd unit that runs ./openclone serve from this folder and restarts it.",
            "Default: a user unit (~/.config/systemd/user/openclone.service), started at login.",
            "--system: /etc/systemd/system/openclone.service, started at boot as the current user (needs root).",
            "It prints the systemctl commands that enable it; see docs/deploy.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (or printed)", "1:the unit could not be written", "2:bad usage"})
public final class InstallServiceCommand implements Callable<Integer> {

    @Option(names = "--system", description = "A system unit (at boot) instead of a user unit (at login).")
    boolean system;

    @Option(names = "--print", description = "Print the unit instead of writing it.")
    boolean print;

    @Override
    public Integer call() {
        Path root = ServeCommand.root();
        String unit = unit(root, system, System.getProperty("user.name"));
        if (print) {
            System.out.print(unit);
            return 0;
        }
        Path file = system ? Path.of("/etc/systemd/system/openclone.service")
                : userUnits().resolve("openclone.service");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, unit);
        } catch (IOException e) {
            System.err.println("openclone: cannot write " + file + " (" + e.getMessage() + ")"
                    + (system ? "; --system needs root" : ""));
            return 1;
        }
        System.out.println("Wrote " + file + ". Enable and start it with:");
        if (system) {
            System.out.println("  systemctl daemon-reload && systemctl enable --now openclone");
        } else {
            System.out.println("  systemctl --user daemon-reload && systemctl --user enable --now openclone");
            System.out.println("To keep it running while you are logged out: loginctl enable-linger "
                    + System.getProperty("user.name"));
        }
        System.out.println("Logs: journalctl " + (system ? "" : "--user ") + "-u openclone -f");
        return 0;
    }

    /** The unit's text; the server finds backend/.env, the vault and data beside the launcher. */
    static String unit(Path root, boolean system, String user) {
        return "[Unit]\n"
                + "Description=OpenClone personal memory vault\n"
                + "After=network-online.target\n"
                + "Wants=network-online.target\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + (system ? "User=" + user + "\n" : "")
                + "WorkingDirectory=" + root + "\n"
                + "ExecStart=" + root.resolve("openclone") + " serve\n"
                + "# SIGTERM finishes the requests in flight, then exits 0.\n"
                + "KillSignal=SIGTERM\n"
                + "TimeoutStopSec=60\n"
                + "Restart=on-failure\n"
                + "RestartSec=5\n"
                + "# Whatever the server creates is readable by its owner only.\n"
                + "UMask=0077\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=" + (system ? "multi-user.target" : "default.target") + "\n";
    }

    private static Path userUnits() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("systemd").resolve("user");
    }
}
