package dev.openclone;

import dev.openclone.cli.AgentCommand;
import dev.openclone.cli.ExportCommand;
import dev.openclone.cli.ForgetCommand;
import dev.openclone.cli.ImportCommand;
import dev.openclone.cli.IngestCommand;
import dev.openclone.cli.JournalCommand;
import dev.openclone.cli.InstallServiceCommand;
import dev.openclone.cli.KeyCommand;
import dev.openclone.cli.McpCommand;
import dev.openclone.cli.NoteCommand;
import dev.openclone.cli.PluginCommand;
import dev.openclone.cli.ReindexCommand;
import dev.openclone.cli.RestoreCommand;
import dev.openclone.cli.SearchCommand;
import dev.openclone.cli.ServeCommand;
import dev.openclone.cli.StatusCommand;
import dev.openclone.cli.TenantCommand;
import dev.openclone.server.Version;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code openclone} command: {@code openclone serve}, {@code openclone --help}. */
@Command(name = "openclone", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "OpenClone: a self-hosted personal memory vault. Capture plugins POST events; the server "
                + "writes them as Markdown into an Obsidian-compatible vault.",
        subcommands = {ServeCommand.class, IngestCommand.class, ImportCommand.class, NoteCommand.class,
            JournalCommand.class,
            StatusCommand.class, SearchCommand.class, McpCommand.class, ForgetCommand.class, ExportCommand.class,
            RestoreCommand.class, ReindexCommand.class,
            TenantCommand.class, KeyCommand.class, PluginCommand.class, InstallServiceCommand.class,
            AgentCommand.class,
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
        CommandLine cli = clientCommand(args).orElseGet(Main::commandLine);
        int code = cli.execute(clientCommand(args).isPresent() ? Arrays.copyOfRange(args, 1, args.length) : args);
        if (code != 0 || !isServe(args)) {
            System.exit(code);
        }
    }

    /**
     * The client commands people run often, built alone: picocli then inspects one command instead of all of
     * them, which is a sixth of their start-up. Everything else goes through the whole command line.
     */
    private static Optional<CommandLine> clientCommand(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        Object command = switch (args[0]) {
            case "status" -> new StatusCommand();
            case "note" -> new NoteCommand();
            case "ingest" -> new IngestCommand();
            case "search" -> new SearchCommand();
            default -> null;
        };
        if (command == null) {
            return Optional.empty();
        }
        CommandLine cli = new CommandLine(command);
        cli.setUsageHelpWidth(100);
        cli.setCommandName("openclone " + args[0]);
        return Optional.of(cli);
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
