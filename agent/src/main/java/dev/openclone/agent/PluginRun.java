package dev.openclone.agent;

import dev.openclone.sdk.Event;
import dev.openclone.sdk.OpenCloneClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One plugin as the agent runs it: the plugin with its manifest and checked settings, its SDK client, when it is due
 * next, and what it did (state, counts, last error) — what {@code agent status} shows of it.
 */
final class PluginRun {

    final CapturePlugin plugin;
    final PluginManifest manifest;
    final PluginSettings settings;
    final Duration interval;
    PluginContext context;
    OpenCloneClient client;
    boolean started;
    Instant due = Instant.MIN;
    String state = "starting";
    String lastCapture;
    volatile String lastError;
    final AtomicLong captured = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    PluginRun(CapturePlugin plugin, PluginManifest manifest, PluginSettings settings) {
        this.plugin = plugin;
        this.manifest = manifest;
        this.settings = settings;
        this.interval = plugin.interval(settings);
    }

    String id() {
        return manifest.id();
    }

    /** Counts what the server answered; a refusal becomes the last error ({@code configFile} named for a 401). */
    OpenCloneClient.Listener listener(Path configFile) {
        return new OpenCloneClient.Listener() {
            @Override
            public void stored(int stored, int skipped) {
                answered.addAndGet(stored + skipped);
            }

            @Override
            public void rejected(List<Event> events, int status, String detail) {
                rejected.addAndGet(events.size());
                lastError = status == 401 ? "the server refused the key (401): check api_key_file in " + configFile
                        : "the server refused " + events.size() + " events (" + status + ")";
            }
        };
    }

    PluginStatus status(boolean alive) {
        Map<String, Long> counters = context == null ? Map.of() : context.counts();
        long done = answered.get() + rejected.get();
        return new PluginStatus(id(), alive ? state : "stopped", lastCapture, captured.get(),
                Math.max(0, captured.get() - done), answered.get(), rejected.get(), lastError, counters);
    }
}
