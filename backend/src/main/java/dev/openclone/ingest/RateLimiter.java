package dev.openclone.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per window (a minute as shipped) per key, in fixed windows: a key's budget refills completely one
 * window after the first request of its window. A limit of 0 turns limiting off (for benchmarks).
 */
public final class RateLimiter {

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * The answer for one request.
     *
     * @param allowed           whether it may proceed
     * @param remaining         requests left in this window after this one
     * @param retryAfterSeconds whole seconds until the window refills (at least 1) when not allowed
     */
    public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    private record Window(long start, int used) {
    }

    /**
     * @param limit  requests allowed per window and key, 0 for no limit
     * @param window the window: one minute as shipped
     */
    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    public boolean enabled() {
        return limit > 0;
    }

    /**
     * Whether {@code bucket} has used its whole budget in the current window, without counting a request: for
     * limits that count only failures (sign-in attempts), checked before each try. The seconds until it refills.
     */
    public Optional<Long> exhausted(String bucket) {
        Window window = windows.get(bucket);
        long now = clock.millis();
        if (!enabled() || window == null || now - window.start() >= windowMillis || window.used() < limit) {
            return Optional.empty();
        }
        return Optional.of(Math.max(1, (window.start() + windowMillis - now + 999) / 1000));
    }

    /**
     * Counts one request of {@code bucket} (a key's hash, never the key itself) and decides.
     */
    public Decision acquire(String bucket) {
        if (!enabled()) {
            return new Decision(true, 0, 0, 0);
        }
        long now = clock.millis();
        Window window = windows.compute(bucket, (k, w) -> {
            if (w == null || now - w.start() >= windowMillis) {
                return new Window(now, 1);
            }
            return new Window(w.start(), w.used() + 1);
        });
        if (window.used() <= limit) {
            return new Decision(true, limit, limit - window.used(), 0);
        }
        long waitMillis = window.start() + windowMillis - now;
        return new Decision(false, limit, 0, Math.max(1, (waitMillis + 999) / 1000));
    }
}
