package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The desktop session the plugin reads: which window has the focus, whether the screen is locked or the user idle,
 * and the window's pixels. X11 ({@link X11Desktop}) and sway on Wayland ({@link SwayDesktop}); GNOME and KDE on
 * Wayland only allow screenshots through their portals, which ask the user each time: not supported yet.
 */
interface Desktop {

    /** Checks that the session answers and the tools are there; says what to do when not. */
    void check() throws CaptureException, InterruptedException;

    /** The focused window; empty when none has the focus. */
    Optional<ActiveWindow> active() throws CaptureException, InterruptedException;

    /** Milliseconds since the last input; empty when this desktop cannot tell. */
    Optional<Long> idleMillis() throws InterruptedException;

    /** Whether the screen is locked (a locker has the focus, or runs). */
    boolean locked(ActiveWindow focused) throws InterruptedException;

    /** The pixels of {@code window} as they are on screen now (clipped to the screen); null when too small. */
    BufferedImage grab(ActiveWindow window) throws CaptureException, InterruptedException;

    /** The session of this process's environment: sway when its socket is named, else X11 when a display is. */
    static Desktop of(Map<String, String> env) throws CaptureException {
        String wayland = env.get("WAYLAND_DISPLAY");
        if (wayland != null && !wayland.isBlank()) {
            if (env.get("SWAYSOCK") != null && !env.get("SWAYSOCK").isBlank()) {
                return new SwayDesktop();
            }
            String desktop = env.getOrDefault("XDG_CURRENT_DESKTOP", "").toUpperCase(Locale.ROOT);
            throw new CaptureException("this Wayland session" + (desktop.isEmpty() ? "" : " (" + desktop + ")")
                    + " is not supported yet: only sway is (GNOME and KDE allow screenshots only through a portal "
                    + "that asks each time). Log in to an X11 session to capture the screen");
        }
        return new X11Desktop(env.get("DISPLAY"));
    }
}
