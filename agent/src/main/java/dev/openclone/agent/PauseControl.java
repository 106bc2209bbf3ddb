package dev.openclone.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code agent pause [DURATION]} and {@code agent resume}: a file in the state folder holding when the pause ends
 * ({@code indefinitely} for a pause until resumed). The running agent reads it before every capture, so a pause
 * takes effect within a second, also across a restart.
 */
final class PauseControl {

    static final String INDEFINITELY = "indefinitely";

    private final Path file;
    private final Clock clock;

    PauseControl(Path stateDir, Clock clock) {
        this.file = stateDir.resolve("paused");
        this.clock = clock;
    }

    void pause(Instant until) throws IOException {
        StateFiles.writeOwnerOnly(file, (until == null ? INDEFINITELY : until.toString())
                .getBytes(StandardCharsets.UTF_8));
    }

    void resume() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Until when captures are paused: empty when they are not; {@link Instant#MAX} until resumed. */
    Optional<Instant> pausedUntil() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            Instant until = text.equals(INDEFINITELY) ? Instant.MAX : Instant.parse(text);
            return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
