package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the X server about the active window and the user's idleness, through the standard X11 tools
 * ({@code xprop}, {@code xwininfo} from x11-utils; {@code xprintidle}): which window has the focus
 * ({@code _NET_ACTIVE_WINDOW} of the root window, set by every EWMH window manager), its class, title and geometry.
 */
final class X11 {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Pattern ACTIVE = Pattern.compile("window id # (0x[0-9a-fA-F]+)");
    private static final Pattern WM_CLASS = Pattern.compile("WM_CLASS\\(STRING\\) = \"(.*?)\"(?:, \"(.*?)\")?");
    private static final Pattern NET_NAME = Pattern.compile("_NET_WM_NAME\\(UTF8_STRING\\) = \"(.*)\"");
    private static final Pattern WM_NAME = Pattern.compile("WM_NAME\\((?:STRING|COMPOUND_TEXT|UTF8_STRING)\\) = \"(.*)\"");

    private final String display;

    X11(String display) {
        this.display = display;
    }

    /** Checks that the display answers; says what to do when it does not. */
    void check() throws CaptureException, InterruptedException {
        if (display == null || display.isBlank()) {
            throw new CaptureException("no X display: DISPLAY is not set. Run the agent in your desktop session "
                    + "(./openclone agent install-service does); on Wayland, see the plugin's README");
        }
        Commands.Result root = Commands.run(List.of("xprop", "-root", "_NET_ACTIVE_WINDOW"), null, DEADLINE);
        if (root.missing()) {
            throw new CaptureException("xprop is not installed: sudo apt-get install x11-utils");
        }
        if (!root.ok()) {
            throw new CaptureException("the X display " + display + " does not answer (" + root.stderr().strip()
                    + "): is the desktop session running, and may this user open it?");
        }
    }

    /** The focused window; empty when none has the focus (the desktop itself). */
    Optional<ActiveWindow> active() throws CaptureException, InterruptedException {
        Commands.Result root = Commands.run(List.of("xprop", "-root", "_NET_ACTIVE_WINDOW"), null, DEADLINE);
        if (!root.ok()) {
            throw new CaptureException("cannot read the active window from " + display + ": "
                    + (root.missing() ? "xprop is not installed (sudo apt-get install x11-utils)" : root.stderr().strip()));
        }
        Matcher active = ACTIVE.matcher(root.text());
        if (!active.find() || Long.decode(active.group(1)) == 0) {
            return Optional.empty();
        }
        String id = active.group(1);
        Commands.Result props = Commands.run(List.of("xprop", "-id", id, "WM_CLASS", "_NET_WM_NAME", "WM_NAME"), null,
                DEADLINE);
        Commands.Result geometry = Commands.run(List.of("xwininfo", "-id", id), null, DEADLINE);
        if (!props.ok() || !geometry.ok()) {
            return Optional.empty(); // closed between the two questions
        }
        String text = props.text();
        Matcher cls = WM_CLASS.matcher(text);
        String app = cls.find() ? (cls.group(2) != null ? cls.group(2) : cls.group(1)) : "";
        Matcher name = NET_NAME.matcher(text);
        String title = name.find() ? unescape(name.group(1)) : "";
        if (title.isEmpty()) {
            Matcher old = WM_NAME.matcher(text);
            title = old.find() ? unescape(old.group(1)) : "";
        }
        String info = geometry.text();
        return Optional.of(new ActiveWindow(Long.decode(id), app, title, number(info, "Absolute upper-left X"),
                number(info, "Absolute upper-left Y"), number(info, "Width"), number(info, "Height")));
    }

    /** Milliseconds since the last keyboard or mouse input; empty when xprintidle is not there to tell. */
    Optional<Long> idleMillis() throws InterruptedException {
        Commands.Result idle = Commands.run(List.of("xprintidle"), null, DEADLINE);
        if (!idle.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(idle.text().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int number(String info, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s+(-?\\d+)").matcher(info);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** xprop's quoting: {@code \"} and {@code \\}. */
    private static String unescape(String quoted) {
        return quoted.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
