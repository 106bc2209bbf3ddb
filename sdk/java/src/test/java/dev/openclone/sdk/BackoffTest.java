package dev.openclone.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5),
            new Random(7));

    @Test
    void waitsGrowWithTheAttemptUpToTheMaximum() {
        for (int attempt = 0; attempt < 30; attempt++) {
            long cap = Math.min(5_000, 500L << Math.min(attempt, 20));
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(100L, cap);
            }
        }
        long late = 0;
        for (int i = 0; i < 200; i++) {
            late = Math.max(late, backoff.delay(10).toMillis());
        }
        assertThat(late).as("jitter reaches towards the cap").isGreaterThan(4_000);
    }

    @Test
    void aLongerRetryAfterWins() {
        assertThat(backoff.delay(0, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(0, Optional.of(Duration.ZERO))).isBetween(Duration.ofMillis(100),
                Duration.ofMillis(500));
    }

    @Test
    void retryAfterIsWholeSeconds() {
        assertThat(Backoff.retryAfter(Optional.of(" 7 "))).contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).isEmpty();
        assertThat(Backoff.retryAfter(Optional.of("-1"))).isEmpty();
        assertThat(Backoff.retryAfter(Optional.empty())).isEmpty();
    }
}
