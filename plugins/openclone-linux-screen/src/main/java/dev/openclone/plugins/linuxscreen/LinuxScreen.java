package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.Events;
import dev.openclone.sdk.RawRefs;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Linux Screen: every {@code interval_seconds}, the active X11 window's text (Tesseract OCR), app and title, as a
 * {@code screen_ocr} event. It asks first, and captures nothing, when the screen is locked, the user idle, or the
 * window excluded (the tenant's rules, this machine's, private windows and password prompts): an excluded window
 * is never grabbed, read, spooled or logged. A window that looks as it did is not read again ({@link FrameHash}),
 * and text already sent from the same window is not sent again before {@code resend_after_seconds}.
 */
public final class LinuxScreen implements CapturePlugin {

    public static final String ID = "openclone-linux-screen";
    /** Screen lockers: while one has the focus, the screen is locked. */
    static final Set<String> LOCKERS = Set.of("i3lock", "xsecurelock", "slock", "xscreensaver", "light-locker",
            "xtrlock", "xlock", "gnome-screensaver", "kscreenlocker_greet", "swaylock", "lightdm-gtk-greeter");

    /** How long a window that just got the focus is given to draw itself. */
    static final Duration SETTLE = Duration.ofMillis(400);

    private PluginContext context;
    private X11 x11;
    private Ocr ocr;
    private Robot robot;
    private Frame last;
    private final SentTexts sent = new SentTexts(512);

    /** The last frame read: which window, its title, how it looked. */
    private record Frame(long window, String title, long hash) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(PluginContext pluginContext) throws CaptureException {
        this.context = pluginContext;
        PluginSettings settings = pluginContext.settings();
        try {
            x11 = new X11(System.getenv("DISPLAY"));
            x11.check();
            ocr = Ocr.start(settings.text("tesseract_command"), settings.text("ocr_languages"),
                    (int) settings.integer("upscale"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted while starting");
        }
        try {
            if (GraphicsEnvironment.isHeadless()) {
                throw new HeadlessException();
            }
            robot = new Robot();
        } catch (AWTException | HeadlessException | SecurityException e) {
            throw new CaptureException("cannot grab the screen of display " + System.getenv("DISPLAY")
                    + ": Java runs headless here (start the agent without -Djava.awt.headless=true, in the desktop "
                    + "session)");
        }
    }

    @Override
    public List<Event> capture() throws CaptureException {
        try {
            return captureNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private List<Event> captureNow() throws CaptureException, InterruptedException {
        PluginSettings settings = context.settings();
        Optional<ActiveWindow> found = x11.active();
        if (found.isEmpty()) {
            context.count("no_window");
            return List.of();
        }
        ActiveWindow window = found.get();
        if (LOCKERS.contains(window.app().toLowerCase(Locale.ROOT))) {
            context.count("locked");
            return List.of();
        }
        Optional<Long> idle = x11.idleMillis();
        if (idle.isPresent() && idle.get() > settings.integer("idle_seconds") * 1000) {
            context.count("idle");
            return List.of();
        }
        if (context.exclusions().reason(window.app(), window.title(), null).isPresent()) {
            context.count("excluded");
            last = null;
            return List.of();
        }
        if (last == null || last.window() != window.id()) {
            // Just switched to: let the window draw itself before its pixels are read, then make sure it still
            // has the focus.
            Thread.sleep(SETTLE.toMillis());
            Optional<ActiveWindow> still = x11.active();
            if (still.isEmpty() || still.get().id() != window.id() || !still.get().title().equals(window.title())) {
                context.count("switching");
                return List.of();
            }
        }
        Rectangle area = new Rectangle(window.x(), window.y(), window.width(), window.height())
                .intersection(new Rectangle(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                        .getDefaultConfiguration().getBounds()));
        if (area.width < 16 || area.height < 16) {
            context.count("too_small");
            return List.of();
        }
        BufferedImage frame = robot.createScreenCapture(area);
        long hash = FrameHash.of(frame);
        if (last != null && last.window() == window.id() && last.title().equals(window.title())
                && FrameHash.same(last.hash(), hash)) {
            context.count("unchanged");
            return List.of();
        }
        last = new Frame(window.id(), window.title(), hash);
        String text = ocr.read(frame);
        context.count("ocr_runs");
        if (text.codePoints().filter(Character::isLetterOrDigit).count() < settings.integer("min_text_chars")) {
            context.count("no_text");
            return List.of();
        }
        Instant now = context.clock().instant();
        String digest = RawRefs.of(text);
        if (!sent.firstOrStale(window.app() + "\u0000" + window.title(), digest, now,
                Duration.ofSeconds(settings.integer("resend_after_seconds")))) {
            context.count("repeated");
            return List.of();
        }
        Events.EventBuilder event = Events.screenOcr(text).at(now)
                .rawRef(RawRefs.of(ID, window.app(), window.title(), digest, now.getEpochSecond()));
        if (!window.app().isEmpty()) {
            event.appName(window.app());
        }
        if (!window.title().isEmpty()) {
            event.windowTitle(window.title());
        }
        return List.of(event.build());
    }
}
