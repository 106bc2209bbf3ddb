package dev.openclone.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code openclone agent}: listed here so {@code --help} shows it; the launcher runs the capture agent itself
 * (module {@code agent/}, with the capture plugins built in {@code plugins/}), in a JVM of its own. Reached only
 * when the server's jar is run directly.
 */
@Command(name = "agent", description = {"Run the capture agent: the capture plugins enabled on this machine (screen "
        + "OCR, …) in one process.", "Its own commands: ./openclone agent --help (status, pause, resume, enable, "
        + "install-service); docs/agent.md."})
public final class AgentCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    String[] arguments;

    @Override
    public Integer call() {
        System.err.println("openclone: the capture agent is started by the launcher: ./openclone agent "
                + "(see docs/agent.md)");
        return 2;
    }
}
