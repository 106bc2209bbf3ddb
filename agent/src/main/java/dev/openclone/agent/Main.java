package dev.openclone.agent;

import picocli.CommandLine;

/** {@code ./openclone agent …}: the capture agent's command line (see {@link AgentCommand}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line, for parsing without running (the docs' commands are checked with it). */
    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
