package dev.openclone.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A point in time as plugins send it in data fields (calendar start, email date, photo taken-at): seconds since
 * the epoch, an ISO-8601 offset date-time, a local date-time (read in the vault zone) or a date alone.
 *
 * @param at      the instant, at the start of the day for a date alone
 * @param dateOnly true when only a date was given (an all-day event)
 */
public record TimeValue(ZonedDateTime at, boolean dateOnly) {

    /** Reads a JSON number or string; empty when it is neither a valid number nor a valid ISO-8601 text. */
    public static Optional<TimeValue> of(JsonNode value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            long millis = Math.round(value.doubleValue() * 1000);
            return Optional.of(new TimeValue(Instant.ofEpochMilli(millis).atZone(zone), false));
        }
        return value.isTextual() ? parse(value.textValue(), zone) : Optional.empty();
    }

    public static Optional<TimeValue> parse(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return Optional.of(new TimeValue(OffsetDateTime.parse(value).atZoneSameInstant(zone), false));
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(new TimeValue(LocalDateTime.parse(value).atZone(zone), false));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(new TimeValue(LocalDate.parse(value).atStartOfDay(zone), true));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }
}
