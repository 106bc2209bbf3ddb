package dev.openclone.ingest;

import dev.openclone.event.TimeValue;
import dev.openclone.http.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks one JSON value can fail, each adding a {@link FieldError} at a location. Shared by the request
 * header, the events and the source-type data rules, so every message reads the same way.
 */
final class FieldCheck {

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    void add(List<Object> loc, String msg, String type) {
        errors.add(new FieldError(loc, msg, type));
    }

    static List<Object> at(List<Object> parent, Object child) {
        List<Object> loc = new ArrayList<>(parent);
        loc.add(child);
        return loc;
    }

    /** False, with a "missing" error, for an absent or null value. */
    private boolean present(JsonNode value, List<Object> loc) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            add(loc, "Field required", "missing");
            return false;
        }
        return true;
    }

    /** A present, non-null string, or an error; empty when it failed. */
    Optional<String> string(JsonNode value, List<Object> loc) {
        if (!present(value, loc)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            add(loc, "Input should be a valid string", "string_type");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    /** A present string with at least one non-blank character. */
    Optional<String> text(JsonNode value, List<Object> loc) {
        Optional<String> text = string(value, loc);
        if (text.isPresent() && text.get().isBlank()) {
            add(loc, "Value error, " + loc.get(loc.size() - 1) + " must not be blank", "value_error");
            return Optional.empty();
        }
        return text;
    }

    /** A present, finite JSON number. Strings, booleans, NaN and infinities fail. */
    Optional<Double> number(JsonNode value, List<Object> loc) {
        if (!present(value, loc)) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            add(loc, "Input should be a valid number", "float_type");
            return Optional.empty();
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            add(loc, "Input should be a finite number", "finite_number");
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** A number within [min, max]. */
    Optional<Double> number(JsonNode value, List<Object> loc, double min, double max) {
        Optional<Double> number = number(value, loc);
        if (number.isPresent() && number.get() < min) {
            add(loc, "Input should be greater than or equal to " + plain(min), "greater_than_equal");
            return Optional.empty();
        }
        if (number.isPresent() && number.get() > max) {
            add(loc, "Input should be less than or equal to " + plain(max), "less_than_equal");
            return Optional.empty();
        }
        return number;
    }

    /** An array of strings. */
    void stringList(JsonNode value, List<Object> loc) {
        if (!value.isArray()) {
            add(loc, "Input should be a valid list", "list_type");
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            string(value.get(i), at(loc, i));
        }
    }

    /** A string, or an array of strings. */
    void stringOrList(JsonNode value, List<Object> loc) {
        if (value.isArray()) {
            stringList(value, loc);
        } else if (!value.isTextual()) {
            add(loc, "Input should be a valid string or a list of strings", "string_type");
        }
    }

    /** A point in time: seconds since the epoch, or an ISO-8601 date, local date-time or offset date-time. */
    void time(JsonNode value, List<Object> loc) {
        if (value.isNumber()) {
            number(value, loc, 0, 32_503_680_000d);
            return;
        }
        if (!value.isTextual() || TimeValue.parse(value.textValue(), java.time.ZoneOffset.UTC).isEmpty()) {
            add(loc, "Input should be seconds since the epoch or an ISO-8601 date-time such as "
                    + "2024-02-18T14:30:00+01:00", "datetime_type");
        }
    }

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
