package dev.openclone.cli;

import java.util.concurrent.Callable;

/**
 * A command that talks to a running server: finds it through {@code OPENCLONE_URL} and {@code API_KEY} (see
 * {@link ServerConnection}), or says in one line why it cannot and exits 2.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Override
    public final Integer call() throws Exception {
        ServerConnection server;
        try {
            server = ServerConnection.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("openclone: " + e.getMessage());
            return 2;
        }
        return run(server);
    }

    /** The command's work; returns its exit code. */
    abstract int run(ServerConnection server) throws Exception;
}
