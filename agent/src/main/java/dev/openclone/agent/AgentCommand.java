package dev.openclone.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openclone agent}: runs the enabled capture plugins of this machine until stopped (Ctrl-C, SIGTERM), or
 * once with {@code --once}; {@code status}, {@code pause}, {@code resume}, {@code enable}, {@code disable} and
 * {@code install-service} act on it.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the capture plugins enabled on this machine, and send what they capture to OpenClone.",
            "The config (JSON) names the server, the key and each plugin's settings: docs/agent.md."},
        subcommands = {AgentCommand.Status.class, AgentCommand.Pause.class, AgentCommand.Resume.class,
            AgentCommand.Enable.class, AgentCommand.Disable.class, AgentServiceCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly (--once: everything captured was sent)",
            "1:a failure (see stderr; --once: a plugin could not capture)",
            "2:bad usage or a config that cannot be used", "4:--once: some events are still in the spool"})
final class AgentCommand implements Callable<Integer> {

    /** The config file option every subcommand shares. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE",
                description = "The agent's config (default: $OPENCLONE_AGENT_CONFIG, else ~/.config/openclone/agent.json).")
        Path config;

        Path file() {
            return config != null ? config : AgentConfig.defaultFile();
        }
    }

    @picocli.CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--once", description = "Each enabled plugin captures once, the spool is sent, then exit.")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig loaded;
        Agent agent;
        try {
            loaded = AgentConfig.load(config.file());
            agent = Agent.create(loaded, Clock.systemUTC());
        } catch (AgentConfig.ConfigException e) {
            System.err.println("openclone agent: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("openclone agent: " + e.getMessage());
            return 1;
        }
        if (agent.pluginCount() == 0) {
            System.err.println("openclone agent: no plugin is enabled in " + loaded.file() + " (enable one with: "
                    + "./openclone agent enable openclone-linux-screen)");
            return 2;
        }
        try {
            agent.start();
            if (once) {
                Agent.Once result = agent.once(Duration.ofSeconds(30));
                agent.close();
                return switch (result) {
                    case SENT -> 0;
                    case FAILED -> 1;
                    case QUEUED -> 4;
                };
            }
            // SIGTERM: stop, and let the run finish its close (spool sent for up to 10 s) before the JVM ends. Not a
            // join on the main thread: it goes on into System.exit, which waits for this very hook.
            CountDownLatch closed = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.stop();
                try {
                    closed.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "agent-stop"));
            try {
                agent.run();
                agent.close();
            } finally {
                closed.countDown();
            }
            return 0;
        } catch (IOException e) {
            System.err.println("openclone agent: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show each plugin: state, last capture, events captured, queued and sent, last error.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the agent is running", "2:bad usage or config", "3:the agent is not running"})
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            Path state;
            try {
                state = AgentConfig.load(config.file()).stateDir();
            } catch (AgentConfig.ConfigException e) {
                System.err.println("openclone agent: " + e.getMessage());
                return 2;
            }
            Optional<AgentStatus> status = AgentStatus.read(state);
            boolean running = status.isPresent() && status.get().running()
                    && ProcessHandle.of(status.get().pid()).map(ProcessHandle::isAlive).orElse(false)
                    && Duration.between(Instant.parse(status.get().updated()), Instant.now()).compareTo(Agent.STATUS_EVERY
                            .multipliedBy(3)) < 0;
            if (status.isEmpty()) {
                System.out.println("The agent has not run with this config (state folder " + state + ").");
                return 3;
            }
            AgentStatus s = status.get();
            System.out.println(running ? "Running (pid " + s.pid() + ")" : "Not running (last seen " + s.updated()
                    + ")");
            if (s.pausedUntil() != null) {
                System.out.println("Paused " + (PauseControl.INDEFINITELY.equals(s.pausedUntil()) ? "until resumed"
                        : "until " + s.pausedUntil()));
            }
            System.out.println("Exclusions of the tenant: " + s.policy());
            for (PluginStatus plugin : s.plugins()) {
                System.out.printf("%s: %s · last capture %s · captured %d, queued %d, sent %d%s%n", plugin.id(),
                        running ? plugin.state() : "stopped", plugin.lastCapture() == null ? "never"
                                : plugin.lastCapture(), plugin.captured(), plugin.queued(), plugin.sent(),
                        plugin.rejected() > 0 ? ", refused " + plugin.rejected() : "");
                if (!plugin.counters().isEmpty()) {
                    System.out.println("  " + plugin.counters());
                }
                if (plugin.lastError() != null) {
                    System.out.println("  last error: " + plugin.lastError());
                }
            }
            return running ? 0 : 3;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Stop capturing for a while (30m, 2h, 1d), or until resume when no duration is given.",
                "Takes effect within a second; a restart keeps it."})
    static final class Pause implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(arity = "0..1", paramLabel = "DURATION", description = "How long: 90s, 30m, 2h, 1d.")
        String duration;

        @Override
        public Integer call() {
            try {
                Duration length = duration == null ? null : parse(duration);
                Path state = AgentConfig.load(config.file()).stateDir();
                StateFiles.folder(state);
                Instant until = length == null ? null : Instant.now().plus(length);
                new PauseControl(state, Clock.systemUTC()).pause(until);
                System.out.println(until == null ? "Paused until: ./openclone agent resume" : "Paused until " + until);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("openclone agent pause: " + e.getMessage());
                return 2;
            } catch (AgentConfig.ConfigException e) {
                System.err.println("openclone agent: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("openclone agent pause: " + e.getMessage());
                return 1;
            }
        }

        static Duration parse(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(text + " is not a duration: write 90s, 30m, 2h or 1d");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Capture again after a pause.")
    static final class Resume implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            try {
                new PauseControl(AgentConfig.load(config.file()).stateDir(), Clock.systemUTC()).resume();
                System.out.println("Capturing again.");
                return 0;
            } catch (AgentConfig.ConfigException e) {
                System.err.println("openclone agent: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("openclone agent resume: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code enable} and {@code disable}: a plugin switched in the config. */
    abstract static class Switch implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(paramLabel = "PLUGIN", description = "The plugin's id, e.g. openclone-linux-screen.")
        String id;

        abstract boolean on();

        @Override
        public Integer call() {
            return setEnabled(config.file(), id, on());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Turn a plugin on in the config (created when missing); a running agent needs a restart.")
    static final class Enable extends Switch {
        @Override
        boolean on() {
            return true;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Turn a plugin off in the config; a running agent needs a restart.")
    static final class Disable extends Switch {
        @Override
        boolean on() {
            return false;
        }
    }

    static int setEnabled(Path file, String id, boolean enabled) {
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            System.err.println("openclone agent: " + id + " is not a plugin id (kebab-case, as in its plugin.json)");
            return 2;
        }
        try {
            AgentConfig.setEnabled(file, id, enabled);
            System.out.println((enabled ? "Enabled " : "Disabled ") + id + " in " + file);
            return 0;
        } catch (IOException e) {
            System.err.println("openclone agent: cannot update " + file + " (" + e.getMessage() + ")");
            return 1;
        }
    }
}
