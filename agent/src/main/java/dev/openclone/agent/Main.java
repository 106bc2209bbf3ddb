package dev.openclone.agent;

import picocli.CommandLine;

/** {@code ./openclone agent …}: the capture agent's command line (see {@link AgentCommand}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new AgentCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
