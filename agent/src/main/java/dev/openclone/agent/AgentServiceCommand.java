package dev.openclone.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openclone agent install-service}: a {@code systemd --user} unit that starts the agent at login, with the
 * graphical session's display, and restarts it when it fails. Where there is no systemd, docs/agent.md says how to
 * start it from the desktop's autostart instead.
 */
@Command(name = "install-service", mixinStandardHelpOptions = true,
        description = {"Install a systemd user unit (~/.config/systemd/user/openclone-agent.service) that starts the "
            + "agent at login.", "It prints the systemctl commands that enable it."})
final class AgentServiceCommand implements Callable<Integer> {

    @Option(names = "--print", description = "Print the unit instead of writing it.")
    boolean print;

    @picocli.CommandLine.Mixin
    AgentCommand.ConfigOption config = new AgentCommand.ConfigOption();

    @Override
    public Integer call() {
        Path root = Path.of(System.getProperty("openclone.root", ".")).toAbsolutePath().normalize();
        String unit = unit(root, config.file().toAbsolutePath());
        if (print) {
            System.out.print(unit);
            return 0;
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path units = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"),
                ".config")).resolve("systemd").resolve("user");
        Path file = units.resolve("openclone-agent.service");
        try {
            Files.createDirectories(units);
            Files.writeString(file, unit);
        } catch (IOException e) {
            System.err.println("openclone agent: cannot write " + file + " (" + e.getMessage() + ")");
            return 1;
        }
        System.out.println("Wrote " + file + ". Enable and start it with:");
        System.out.println("  systemctl --user daemon-reload && systemctl --user enable --now openclone-agent");
        System.out.println("Logs: journalctl --user -u openclone-agent -f");
        return 0;
    }

    /** The unit: after the graphical session, so DISPLAY and WAYLAND_DISPLAY are imported. */
    static String unit(Path root, Path config) {
        return "[Unit]\n"
                + "Description=OpenClone capture agent\n"
                + "PartOf=graphical-session.target\n"
                + "After=graphical-session.target\n\n"
                + "[Service]\n"
                + "ExecStart=" + root.resolve("openclone") + " agent --config " + config + "\n"
                + "Restart=on-failure\n"
                // The JVM ends with 143 on SIGTERM, after the agent's clean stop (the spool flushed).
                + "SuccessExitStatus=143\n"
                + "RestartSec=10\n\n"
                + "[Install]\n"
                + "WantedBy=graphical-session.target\n";
    }
}
