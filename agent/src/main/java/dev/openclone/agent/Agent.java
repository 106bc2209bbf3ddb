package dev.openclone.agent;

import dev.openclone.sdk.Event;
import dev.openclone.sdk.OpenCloneClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture agent: runs the enabled capture plugins of this machine in one process, one capture at a time,
 * each on its own interval, and sends what they capture through one SDK client per plugin (its own spool
 * folder). It captures nothing while paused or while the tenant's exclusions are unknown; it refreshes those every
 * {@link #POLICY_EVERY} (every few seconds until it has them), and writes its status when it changes.
 */
final class Agent implements AutoCloseable {

    static final Duration POLICY_EVERY = Duration.ofMinutes(10);
    /** While the tenant's exclusions are unknown (the server never reached), it asks this often. */
    static final Duration POLICY_UNKNOWN_EVERY = Duration.ofSeconds(5);
    /** The status is written at least this often while the agent runs ({@code status} reads it as alive). */
    static final Duration STATUS_EVERY = Duration.ofSeconds(10);
    /** A capture is sent within a second (a few events a minute: no need to wait and batch). */
    static final Duration SEND_WITHIN = Duration.ofSeconds(1);
    /** While the server is away, the spool is retried at least this often, so it empties soon after it returns. */
    static final Duration RETRY_AT_MOST = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Clock clock;
    private final List<PluginRun> plugins;
    private final ServerPolicy policy;
    private final PauseControl pause;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile CaptureExclusions serverExclusions;
    private volatile String policyNote = "not asked yet";
    private volatile boolean keyRefused;
    private Instant policyAsked = Instant.MIN;
    private String lastStatus = "";
    private Instant statusWritten = Instant.MIN;

    private Agent(AgentConfig config, Clock clock, List<PluginRun> plugins) {
        this.config = config;
        this.clock = clock;
        this.plugins = plugins;
        this.policy = new ServerPolicy(config.serverUrl(), config.apiKey(), config.stateDir().resolve("policy.json"));
        this.pause = new PauseControl(config.stateDir(), clock);
    }

    /**
     * The agent for {@code config}: the enabled plugins found on the class path, their settings checked.
     *
     * @throws AgentConfig.ConfigException naming every setting that is wrong and every plugin that is missing
     */
    static Agent create(AgentConfig config, Clock clock) throws AgentConfig.ConfigException, IOException {
        Map<String, CapturePlugin> installed = new TreeMap<>();
        for (CapturePlugin plugin : ServiceLoader.load(CapturePlugin.class)) {
            installed.put(plugin.id(), plugin);
        }
        List<String> errors = new ArrayList<>();
        List<PluginRun> running = new ArrayList<>();
        config.plugins().forEach((id, configured) -> {
            CapturePlugin plugin = installed.get(id);
            if (plugin == null) {
                errors.add("plugins." + id + ": not installed here (installed: " + (installed.isEmpty() ? "none"
                        : String.join(", ", installed.keySet())) + "); run plugins/" + id + "/install.sh");
                return;
            }
            try {
                PluginManifest manifest = PluginManifest.of(plugin);
                PluginSettings settings = manifest.settings(configured, errors);
                if (settings.bool(PluginManifest.ENABLED)) {
                    running.add(new PluginRun(plugin, manifest, settings));
                }
            } catch (IOException e) {
                errors.add("plugins." + id + ": " + e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw new AgentConfig.ConfigException(config.file() + ":\n  " + String.join("\n  ", errors));
        }
        StateFiles.folder(config.stateDir());
        return new Agent(config, clock, running);
    }

    int pluginCount() {
        return plugins.size();
    }

    /**
     * Opens each plugin's client (sending what an earlier run left in its spool) and starts the plugins; one that
     * cannot start is reported and tried again at each of its intervals.
     */
    void start() throws IOException {
        askPolicy();
        for (PluginRun running : plugins) {
            running.context = new PluginContext(running.settings, this::exclusions, clock,
                    config.stateDir().resolve("plugins").resolve(running.id()));
            running.context.allowedWhen(() -> pause.pausedUntil().isEmpty() && !keyRefused
                    && serverExclusions != null);
            running.client = OpenCloneClient.builder(config.serverUrl().toString(), config.apiKey())
                    .plugin(running.id(), running.manifest.version()).device(config.deviceId())
                    .platform("linux").spool(StateFiles.folder(config.stateDir().resolve("spool")
                            .resolve(running.id())))
                    .maxDelay(SEND_WITHIN).maxBackoff(RETRY_AT_MOST)
                    .listener(running.listener(config.file())).build();
            startPlugin(running);
        }
        writeStatus(true);
    }

    private void startPlugin(PluginRun running) {
        try {
            running.plugin.start(running.context);
            running.started = true;
            running.state = "capturing";
            running.lastError = null;
            LOG.info("{} started: a capture every {} s", running.id(), running.interval.toSeconds());
        } catch (CaptureException e) {
            fail(running, e.getMessage());
        }
    }

    /** Runs until {@link #stop}: a capture of each plugin when it is due, the status when it changes. */
    void run() throws InterruptedException {
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            tick();
        }
    }

    /** How {@link #once} ended. */
    enum Once { SENT, FAILED, QUEUED }

    /**
     * Each enabled plugin captures once now (while paused, or with the tenant's exclusions unknown: nothing); then
     * what is spooled is sent, for up to {@code flushFor}.
     *
     * @return FAILED when a plugin could not capture (it said why on stderr), QUEUED when events stay in the spool;
     *     with the tenant's exclusions unknown nothing is captured: FAILED
     */
    Once once(Duration flushFor) throws InterruptedException {
        for (PluginRun running : plugins) {
            running.due = Instant.MIN;
        }
        tick();
        boolean flushed = true;
        for (PluginRun running : plugins) {
            flushed &= running.client.flush(flushFor);
        }
        writeStatus(true);
        boolean failed = keyRefused || plugins.stream().anyMatch(r -> "error".equals(r.state)
                || "waiting".equals(r.state));
        return failed ? Once.FAILED : flushed ? Once.SENT : Once.QUEUED;
    }

    void stop() {
        stopped.countDown();
    }

    private void tick() {
        Instant now = clock.instant();
        Duration every = serverExclusions == null ? POLICY_UNKNOWN_EVERY : POLICY_EVERY;
        if (Duration.between(policyAsked, now).compareTo(every) >= 0) {
            askPolicy();
        }
        Optional<Instant> paused = pause.pausedUntil();
        for (PluginRun running : plugins) {
            if (paused.isPresent()) {
                running.state = "paused";
                continue;
            }
            if (keyRefused || serverExclusions == null) {
                running.state = keyRefused ? "error" : "waiting";
                running.lastError = policyNote;
                continue;
            }
            if (now.isBefore(running.due)) {
                continue;
            }
            running.due = now.plus(running.interval);
            if (!running.started) {
                startPlugin(running);
            }
            if (running.started) {
                capture(running);
            }
        }
        writeStatus(true);
    }

    private void capture(PluginRun running) {
        try {
            List<Event> events = running.plugin.capture();
            if (!events.isEmpty()) {
                running.client.sendAll(events);
                running.captured.addAndGet(events.size());
                running.lastCapture = clock.instant().toString();
            }
            running.state = "capturing";
            running.lastError = null;
        } catch (CaptureException e) {
            fail(running, e.getMessage());
        } catch (IOException e) {
            fail(running, "cannot write the spool in " + config.stateDir() + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            LOG.error("{} failed", running.id(), e);
            fail(running, "failed: " + e);
        }
    }

    private void fail(PluginRun running, String message) {
        if (!message.equals(running.lastError)) {
            // One line that says what to do; said again only when it changes.
            System.err.println(running.id() + ": " + message);
        }
        running.state = "error";
        running.lastError = message;
    }

    private void askPolicy() {
        policyAsked = clock.instant();
        ServerPolicy.Answer answer = policy.fetch();
        keyRefused = answer.keyRefused();
        if (!answer.note().equals(policyNote) && (answer.keyRefused() || answer.exclusions().isEmpty())) {
            System.err.println("openclone agent: " + answer.note());
        }
        policyNote = answer.note();
        if (answer.exclusions().isPresent()) {
            serverExclusions = answer.exclusions().get();
        }
    }

    /** The exclusions in force: the tenant's (once known) and this machine's. */
    CaptureExclusions exclusions() {
        CaptureExclusions server = serverExclusions;
        return server == null ? config.exclude() : server.and(config.exclude());
    }

    private void writeStatus(boolean alive) {
        List<PluginStatus> statuses = plugins.stream().map(running -> running.status(alive)).toList();
        Optional<Instant> paused = pause.pausedUntil();
        String pausedUntil = paused.map(p -> p.equals(Instant.MAX) ? PauseControl.INDEFINITELY : p.toString())
                .orElse(null);
        // Written when something changed, and every STATUS_EVERY to say the agent is alive.
        String content = alive + " " + pausedUntil + " " + policyNote + " " + statuses;
        Instant now = clock.instant();
        if (alive && content.equals(lastStatus) && now.isBefore(statusWritten.plus(STATUS_EVERY))) {
            return;
        }
        lastStatus = content;
        statusWritten = now;
        try {
            new AgentStatus(ProcessHandle.current().pid(), now.toString(), alive, pausedUntil, policyNote, statuses)
                    .write(config.stateDir());
        } catch (IOException e) {
            LOG.warn("cannot write the status in {}: {}", config.stateDir(), e.getMessage());
        }
    }

    /** Stops the plugins, sends what is spooled for up to ten seconds, and leaves the rest for next time. */
    @Override
    public void close() throws InterruptedException {
        stop();
        for (PluginRun running : plugins) {
            running.plugin.close();
            if (running.client != null) {
                running.client.close();
            }
        }
        writeStatus(false);
    }
}
