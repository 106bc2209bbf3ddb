package dev.openclone.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Wayland session without a screen: sway on its headless backend, with foot terminals showing known text.
 * sway refuses to run as root, so under root (CI) it runs as the user nobody, in a runtime folder of its own under
 * /tmp; root's agent reaches its sockets anyway. {@code src/test/screen/install.sh} installs sway, grim and foot.
 */
public final class SwaySession implements AutoCloseable {

    private static final int NOBODY = 65534;

    private final Path runtime;
    private final List<Process> processes = new ArrayList<>();
    private String wayland;
    private String swaysock;

    private SwaySession(Path runtime) {
        this.runtime = runtime;
    }

    public static SwaySession start() throws Exception {
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "openclone-sway",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SwaySession session = new SwaySession(runtime);
        Path config = runtime.resolve("sway.conf");
        Files.writeString(config, "output HEADLESS-1 resolution 1280x800\ndefault_border none\nxwayland disable\n");
        session.own(runtime);
        session.own(config);
        session.spawn("sway", List.of("sway", "-c", config.toString()), Map.of("WLR_BACKENDS", "headless",
                "WLR_LIBINPUT_NO_DEVICES", "1", "WLR_RENDERER", "pixman"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(runtime)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("sway-ipc.") && name.endsWith(".sock")) {
                        session.swaysock = file.toString();
                    } else if (name.matches("wayland-\\d+")) {
                        session.wayland = name;
                    }
                }
            }
            if (session.swaysock != null && session.wayland != null) {
                return session;
            }
            Thread.sleep(100);
        }
        session.close();
        throw new IOException("sway did not start; see " + runtime.resolve("sway.log"));
    }

    /** What a client of this session needs in its environment. */
    public Map<String, String> environment() {
        return Map.of("WAYLAND_DISPLAY", wayland, "SWAYSOCK", swaysock, "XDG_RUNTIME_DIR", runtime.toString());
    }

    /** Opens a foot terminal with app id {@code app}, titled {@code title}, showing {@code text}; it gets the focus. */
    public void window(String app, String title, String text) throws Exception {
        Path file = Files.createTempFile(runtime, "window", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        own(file);
        spawn("foot-" + app, List.of("foot", "-a", app, "-T", title, "sh", "-c", "cat '" + file
                + "'; exec sleep 3600"), environment());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            ProcessBuilder tree = new ProcessBuilder("swaymsg", "-t", "get_tree").redirectErrorStream(true);
            tree.environment().putAll(environment());
            Process probe = tree.start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor(5, TimeUnit.SECONDS);
            if (out.contains("\"app_id\": \"" + app + "\"")) {
                Thread.sleep(700);
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the window " + app + " did not appear");
    }

    private void own(Path path) throws Exception {
        if (root()) {
            new ProcessBuilder("chown", NOBODY + ":" + NOBODY, path.toString()).start().waitFor();
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void spawn(String label, List<String> command, Map<String, String> env) throws IOException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile(label, ".log").toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().put("HOME", runtime.toString());
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> paths = Files.walk(runtime)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
