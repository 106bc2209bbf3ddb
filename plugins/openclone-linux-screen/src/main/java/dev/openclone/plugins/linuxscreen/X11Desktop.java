package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** An X11 session: {@link X11} for the window and idleness, Java's {@link Robot} for the pixels. */
final class X11Desktop implements Desktop {

    /** Screen lockers: while one has the focus, the screen is locked. */
    static final Set<String> LOCKERS = Set.of("i3lock", "xsecurelock", "slock", "xscreensaver", "light-locker",
            "xtrlock", "xlock", "gnome-screensaver", "kscreenlocker_greet", "lightdm-gtk-greeter");

    private final String display;
    private final X11 x11;
    private Robot robot;

    X11Desktop(String display) {
        this.display = display;
        this.x11 = new X11(display);
    }

    @Override
    public void check() throws CaptureException, InterruptedException {
        x11.check();
        try {
            if (GraphicsEnvironment.isHeadless()) {
                throw new HeadlessException();
            }
            robot = new Robot();
        } catch (AWTException | HeadlessException | SecurityException e) {
            throw new CaptureException("cannot grab the screen of display " + display + ": Java runs headless "
                    + "here (start the agent without -Djava.awt.headless=true, in the desktop session)");
        }
    }

    @Override
    public Optional<ActiveWindow> active() throws CaptureException, InterruptedException {
        return x11.active();
    }

    @Override
    public Optional<Long> idleMillis() throws InterruptedException {
        return x11.idleMillis();
    }

    @Override
    public boolean locked(ActiveWindow focused) {
        return LOCKERS.contains(focused.app().toLowerCase(Locale.ROOT));
    }

    @Override
    public BufferedImage grab(ActiveWindow window) {
        Rectangle area = new Rectangle(window.x(), window.y(), window.width(), window.height())
                .intersection(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                        .getDefaultConfiguration().getBounds());
        return area.width < 16 || area.height < 16 ? null : robot.createScreenCapture(area);
    }
}
