package dev.openclone.cli;

/**
 * Ctrl-C (SIGINT) and SIGTERM ({@code timeout}, {@code kill}) as a request to finish rather than an end: while a
 * command records, they run {@code action} (stop recording, then save) instead of ending the JVM at once. The same
 * signal again while it finishes ends it as usual. A signal the shell set to be ignored (a background job's
 * Ctrl-C) stays ignored.
 */
final class Interrupt {

    private Interrupt() {
    }

    @SuppressWarnings("restriction")
    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                previous[0] = sun.misc.Signal.handle(signal, received -> {
                    action.run();
                    sun.misc.Signal.handle(signal, previous[0]);
                });
            } catch (IllegalArgumentException | LinkageError e) {
                // not to be handled here: the signal ends the command as usual
            }
        }
    }
}
