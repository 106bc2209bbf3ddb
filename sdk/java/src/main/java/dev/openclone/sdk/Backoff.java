package dev.openclone.sdk;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying a request that met a rate limit, a server error or no server: full-jitter
 * exponential backoff, a random wait between {@code floor} and {@code min(max, first × 2^attempt)}, so many clients
 * that failed together do not retry together. A {@code Retry-After} the server sent wins when it is longer.
 * The SDK's sender and the command line's client commands both wait by this policy.
 */
public final class Backoff {

    private final Duration floor;
    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;

    /**
     * @param floor  the shortest wait
     * @param first  the cap of the first retry's wait, doubled with each further attempt
     * @param max    the longest wait (a Retry-After may still be longer)
     * @param random where the jitter comes from
     */
    public Backoff(Duration floor, Duration first, Duration max, RandomGenerator random) {
        if (floor.isNegative() || first.isNegative() || max.compareTo(floor) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= floor <= max and first >= 0");
        }
        this.floor = floor;
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** Waits from 100 ms up to 0.5 s × 2^attempt, at most {@code max}. */
    public static Backoff upTo(Duration max) {
        return new Backoff(Duration.ofMillis(Math.min(100, max.toMillis())), Duration.ofMillis(500), max,
                RandomGenerator.getDefault());
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(Math.max(attempt, 0), 20));
        long spread = Math.max(0, cap - floor.toMillis());
        return floor.plusMillis(spread == 0 ? 0 : random.nextLong(spread + 1));
    }

    /** The wait before retry {@code attempt}, or the server's {@code Retry-After} when that is longer. */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        Duration own = delay(attempt);
        return retryAfter.filter(server -> server.compareTo(own) > 0).orElse(own);
    }

    /** A {@code Retry-After} header in whole seconds; empty when absent or not a number. */
    public static Optional<Duration> retryAfter(Optional<String> header) {
        return header.flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
