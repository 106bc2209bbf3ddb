package dev.openclone.http;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A time bound given as a parameter ({@code from}, {@code to}): one reading for every endpoint and tool. */
public final class TimeParam {

    private TimeParam() {
    }

    /**
     * Epoch milliseconds of a bound: epoch seconds, an ISO-8601 date-time (with an offset, or local in {@code zone}),
     * or a date; a date as an {@code end} bound includes that whole day. Null when absent; null and an error in
     * {@code errors} when unreadable.
     */
    public static Long millis(String value, String name, boolean end, ZoneId zone, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Math.round(Double.parseDouble(text) * 1000);
        } catch (NumberFormatException notSeconds) {
            // an ISO form below
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // a local form below
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // a date below
        }
        try {
            LocalDate day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDate) {
            errors.add(new FieldError(List.of("query", name), "Input should be a date (2024-02-18), a date-time "
                    + "(2024-02-18T12:20:00+01:00) or seconds since the epoch", "datetime_parsing"));
            return null;
        }
    }
}
