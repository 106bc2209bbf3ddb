package dev.openclone.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a plugin is given: its settings (checked against its config_schema, defaults filled in), the exclusions in
 * force now (the tenant's, fetched from the server, and this machine's), the clock, a folder of its own for what
 * it must remember between runs, and counters the agent's status shows ({@code ocr_runs}, {@code unchanged}, {@code excluded}: counts, never content).
 */
public final class PluginContext {

    private final PluginSettings settings;
    private final Supplier<CaptureExclusions> exclusions;
    private final Clock clock;
    private final Path stateDir;
    private volatile java.util.function.BooleanSupplier allowed = () -> true;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public PluginContext(PluginSettings settings, Supplier<CaptureExclusions> exclusions, Clock clock,
            Path stateDir) {
        this.settings = settings;
        this.exclusions = exclusions;
        this.clock = clock;
        this.stateDir = stateDir;
    }

    /**
     * Whether capturing is allowed right now: false while the agent is paused, the key refused or the tenant's
     * exclusions unknown. A plugin that records on its own (audio) drops what arrives while this is false.
     */
    public boolean mayCapture() {
        return allowed.getAsBoolean();
    }

    void allowedWhen(java.util.function.BooleanSupplier condition) {
        this.allowed = condition;
    }

    /** The plugin's own folder in the agent's state ({@code state_dir/plugins/<id>}), created owner-only. */
    public Path stateDir() throws IOException {
        return StateFiles.folder(stateDir);
    }

    public PluginSettings settings() {
        return settings;
    }

    /** The exclusions in force now: ask before every capture, they change when the tenant's do. */
    public CaptureExclusions exclusions() {
        return exclusions.get();
    }

    public Clock clock() {
        return clock;
    }

    /** Adds one to the counter {@code name}. */
    public void count(String name) {
        count(name, 1);
    }

    /** Adds {@code n} to the counter {@code name} (nothing for 0: a counter shows once something happened). */
    public void count(String name, long n) {
        if (n == 0) {
            return;
        }
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    /** The counters, by name. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }
}
