package dev.openclone.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A command that talks to a running server: finds it through {@code OPENCLONE_URL} (or the address a running
 * {@code serve} recorded) and {@code API_KEY} (see {@link ServerConnection}), or says in one line why it cannot:
 * exit 2 without a key, 1 when the server cannot be reached.
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
        try {
            return run(server);
        } catch (IOException unreachable) {
            System.err.println("openclone: " + unreachable.getMessage());
            return 1;
        }
    }

    /** The command's work; returns its exit code. */
    abstract int run(ServerConnection server) throws Exception;
}
