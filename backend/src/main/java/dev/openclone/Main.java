package dev.openclone;

import dev.openclone.cli.IngestCommand;
import dev.openclone.cli.KeyCommand;
import dev.openclone.cli.NoteCommand;
import dev.openclone.cli.StatusCommand;
import dev.openclone.cli.PluginCommand;
import dev.openclone.cli.ServeCommand;
import dev.openclone.cli.TenantCommand;
import dev.openclone.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openclone} command: {@code openclone serve}, {@code openclone --help}. */
@Command(name = "openclone", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "OpenClone: a self-hosted personal memory vault. Capture plugins POST events; the server "
                + "writes them as Markdown into an Obsidian-compatible vault.",
        subcommands = {ServeCommand.class, IngestCommand.class, NoteCommand.class, StatusCommand.class,
            TenantCommand.class, KeyCommand.class, PluginCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Main() {
    }

    /** Without a command: the usage, on stderr, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** The command line with every command, as {@code main} runs it (the docs test parses README's commands). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Wide enough that no description line or path ("backend/.env", "./vault") is broken mid-word.
        cli.setUsageHelpWidth(100);
        return cli;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        if (code != 0 || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"openclone " + Version.get()};
        }
    }
}
