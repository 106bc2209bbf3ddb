package dev.openclone.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real X server without a screen (Xvfb) on a free display number, with a window manager (openbox, which keeps
 * {@code _NET_ACTIVE_WINDOW}), and real windows showing known text (xterm, with a given class and title).
 * {@code src/test/screen/install.sh} installs what it needs.
 */
public final class XDisplay implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> windows = new ArrayList<>();

    private XDisplay(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /** Starts Xvfb (1280 × 800, 24 bits) and openbox; returns once the display answers. */
    public static XDisplay start(Path dir) throws Exception {
        for (int number = 90 + (int) (ProcessHandle.current().pid() % 50); number < 400; number++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + number)) || Files.exists(Path.of("/tmp/.X" + number
                    + "-lock"))) {
                continue;
            }
            XDisplay display = new XDisplay(":" + number, Files.createDirectories(dir));
            Process xvfb = display.spawn("xvfb", List.of("Xvfb", ":" + number, "-screen", "0", "1280x800x24",
                    "-nolisten", "tcp"));
            if (display.awaitAnswer(Duration.ofSeconds(10)) && xvfb.isAlive()) {
                display.spawn("openbox", List.of("openbox"));
                Thread.sleep(500);
                return display;
            }
            display.close();
        }
        throw new IOException("no free X display number");
    }

    public String name() {
        return name;
    }

    /**
     * Opens an xterm of class {@code app} titled {@code title} showing {@code text}, gives it the focus, and returns
     * its X id (hex, as xprop prints it) once it is the active window.
     */
    public String window(String app, String title, String text) throws Exception {
        Path file = Files.createTempFile(dir, "window", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Process xterm = spawn("xterm-" + app, List.of("xterm", "-class", app, "-T", title, "-fa", "DejaVu Sans Mono",
                "-fs", "12", "-geometry", "100x24+40+40", "-e", "sh", "-c", "cat '" + file + "'; exec sleep 3600"));
        windows.add(xterm);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String found = run("xdotool", "search", "--pid", Long.toString(xterm.pid())).strip();
            if (!found.isEmpty()) {
                String id = found.lines().reduce((a, b) -> b).orElseThrow();
                run("xdotool", "windowactivate", "--sync", id);
                run("xdotool", "mousemove", "--window", id, "10", "10");
                Thread.sleep(700); // the text is drawn
                return id;
            }
            Thread.sleep(100);
        }
        throw new IOException("the window " + app + " did not appear");
    }

    /** Closes every window {@link #window} opened. */
    public void closeWindows() throws InterruptedException {
        for (Process window : windows) {
            window.descendants().forEach(ProcessHandle::destroy);
            window.destroy();
            window.waitFor(5, TimeUnit.SECONDS);
        }
        processes.removeAll(windows);
        windows.clear();
        Thread.sleep(300);
    }

    /** Gives the focus to the window {@code id} (as {@link #window} returned it). */
    public void activate(String id) throws Exception {
        run("xdotool", "windowactivate", "--sync", id);
        run("xdotool", "mousemove", "--window", id, "12", "12");
        Thread.sleep(300);
    }

    /** Runs an X client on this display and returns what it printed. */
    public String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", name);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private boolean awaitAnswer(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            ProcessBuilder builder = new ProcessBuilder("xprop", "-root", "_NET_SUPPORTED").redirectErrorStream(true);
            builder.environment().put("DISPLAY", name);
            Process probe = builder.start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private Process spawn(String label, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(label + ".log").toFile());
        builder.environment().put("DISPLAY", name);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
