package dev.openclone.agent;

import picocli.CommandLine;

/** {@code ./openclone agent …}: the capture agent's command line (see {@link AgentCommand}). */
public final class Main {

    private Main() {
    }

    /** The agent's logging config: its own name, so that a class path holding the server's too takes each's. */
    static final String LOGGING = "openclone-agent-logback.xml";

    public static void main(String[] args) {
        // Before the first logger: logback then reads the agent's config (unless one is named, or tests bring theirs).
        if (System.getProperty("logback.configurationFile") == null
                && Main.class.getResource("/logback-test.xml") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
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
