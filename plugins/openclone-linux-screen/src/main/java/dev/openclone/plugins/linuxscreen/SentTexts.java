package dev.openclone.plugins.linuxscreen;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text last sent from each window (app and title), as a digest with its time, for the windows seen most
 * recently: the same text from the same window is sent again only once it is older than the resend time.
 */
final class SentTexts {

    private record Sent(String digest, Instant at) {
    }

    private final Map<String, Sent> byWindow;

    SentTexts(int windows) {
        this.byWindow = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
                return size() > windows;
            }
        };
    }

    /** Whether {@code digest} is new for {@code window}, or was sent longer than {@code resend} ago; records it. */
    boolean firstOrStale(String window, String digest, Instant now, Duration resend) {
        Sent before = byWindow.get(window);
        if (before != null && before.digest().equals(digest) && before.at().plus(resend).isAfter(now)) {
            return false;
        }
        byWindow.put(window, new Sent(digest, now));
        return true;
    }
}
