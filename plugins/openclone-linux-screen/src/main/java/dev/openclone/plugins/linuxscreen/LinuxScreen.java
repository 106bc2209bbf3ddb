package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.Events;
import dev.openclone.sdk.RawRefs;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Linux Screen: every {@code interval_seconds}, the active window's text (Tesseract OCR), app and title (X11, or
 * sway on Wayland: {@link Desktop}), as a {@code screen_ocr} event. It asks first, and captures nothing, when the
 * screen is locked, the user idle, or the window excluded (the tenant's rules, this machine's, private windows and
 * password prompts): an excluded window is never grabbed, read, spooled or logged. A window that looks as it did is not read again ({@link FrameHash}),
 * and text already sent from the same window is not sent again before {@code resend_after_seconds}.
 */
public final class LinuxScreen implements CapturePlugin {

    public static final String ID = "openclone-linux-screen";

    /** How long a window that just got the focus is given to draw itself. */
    static final Duration SETTLE = Duration.ofMillis(400);

    private PluginContext context;
    private Desktop desktop;
    private Ocr ocr;
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
            desktop = Desktop.of(System.getenv());
            desktop.check();
            ocr = Ocr.start(settings.text("tesseract_command"), settings.text("ocr_languages"),
                    (int) settings.integer("upscale"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted while starting");
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
        Optional<ActiveWindow> found = desktop.active();
        if (found.isEmpty()) {
            context.count("no_window");
            return List.of();
        }
        ActiveWindow window = found.get();
        if (desktop.locked(window)) {
            context.count("locked");
            return List.of();
        }
        Optional<Long> idle = desktop.idleMillis();
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
            Optional<ActiveWindow> still = desktop.active();
            if (still.isEmpty() || still.get().id() != window.id() || !still.get().title().equals(window.title())) {
                context.count("switching");
                return List.of();
            }
        }
        BufferedImage frame = desktop.grab(window);
        if (frame == null) {
            context.count("too_small");
            return List.of();
        }
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
