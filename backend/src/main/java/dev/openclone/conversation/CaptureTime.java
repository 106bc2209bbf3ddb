package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a message was written, read the way the seed reads it ({@code new Date(timestamp)}): a number is epoch
 * milliseconds, a string an ISO-8601 or RFC 1123 date; anything else, or a time out of range, is the fallback
 * (the seed takes the current time; the server takes the turn event's timestamp, which the plugin sets when the
 * turn is committed).
 */
public final class CaptureTime {

    /** The range of {@code Date} that {@code toISOString} writes with a four-digit year. */
    private static final long MIN_MILLIS = -62_167_219_200_000L;
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private CaptureTime() {
    }

    /** The instant of a message's {@code timestamp} field (null or absent gives the fallback). */
    public static Instant of(JsonNode timestamp, ZoneId zone, Instant fallback) {
        Optional<Instant> parsed = Optional.empty();
        if (timestamp != null && timestamp.isNumber()) {
            double millis = timestamp.doubleValue();
            if (millis >= MIN_MILLIS && millis <= MAX_MILLIS) {
                parsed = Optional.of(Instant.ofEpochMilli((long) millis));
            }
        } else if (timestamp != null && timestamp.isTextual()) {
            parsed = parse(timestamp.textValue(), zone);
        }
        return parsed.filter(i -> i.toEpochMilli() >= MIN_MILLIS && i.toEpochMilli() <= MAX_MILLIS)
                .orElse(fallback);
    }

    static Optional<Instant> parse(String text, ZoneId zone) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // next form
        }
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notRfc) {
            // next form
        }
        try {
            // An ISO date-time without offset is local time; a bare ISO date is UTC midnight (as in JavaScript).
            return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
        } catch (DateTimeParseException notLocal) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    /** {@code Date.prototype.toISOString}: {@code 2026-06-01T10:05:00.000Z}. */
    public static String iso(Instant instant) {
        return ISO.format(instant);
    }

    /** The entry heading time, {@code HH:MM} in the zone. */
    public static String time(Instant instant, ZoneId zone) {
        return HH_MM.format(instant.atZone(zone));
    }

    /**
     * The conversation day: the local date, except before the rollover time, when it is the local date of the
     * instant 24 hours earlier (the seed's rule, kept as is also across daylight-saving changes).
     */
    public static LocalDate day(Instant instant, ZoneId zone, int rolloverMinutes) {
        ZonedDateTime local = instant.atZone(zone);
        if (local.getHour() * 60 + local.getMinute() < rolloverMinutes) {
            return instant.minus(Duration.ofHours(24)).atZone(zone).toLocalDate();
        }
        return local.toLocalDate();
    }
}
