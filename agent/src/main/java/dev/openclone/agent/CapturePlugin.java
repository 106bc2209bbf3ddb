package dev.openclone.agent;

import dev.openclone.sdk.Event;
import java.time.Duration;
import java.util.List;

/**
 * A capture plugin the agent runs: a Java module in {@code plugins/<id>/}, found on the class path with
 * {@link java.util.ServiceLoader}, its {@code plugin.json} packaged as
 * {@code openclone-plugins/<id>/plugin.json}. The agent calls {@link #capture} every {@link #interval}, one plugin
 * at a time, and sends what it returns through the SDK (spool, batching, backoff).
 */
public interface CapturePlugin extends AutoCloseable {

    /** Its id, as in its plugin.json. */
    String id();

    /**
     * Prepares to capture with its checked settings. A tool it needs that is missing, a display it cannot open:
     * a {@link CaptureException} whose message says what to do.
     */
    void start(PluginContext context) throws CaptureException;

    /** What is worth keeping now; empty when nothing new is (an unchanged window, an idle user, a paused app). */
    List<Event> capture() throws CaptureException;

    /** Time between captures: the {@code interval_seconds} setting, 60 s without one. */
    default Duration interval(PluginSettings settings) {
        return Duration.ofSeconds(settings.has("interval_seconds") ? settings.integer("interval_seconds") : 60);
    }

    @Override
    default void close() {
    }
}
