package dev.openclone.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Identifiers;
import dev.openclone.event.IngestBatch;
import dev.openclone.event.Platform;
import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.sdk.IngestLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one place that decides whether an ingest body is acceptable (seed 000 field table and SPEC §4). It
 * reports every error it finds, in FastAPI's shape, so a plugin author fixes a request in one round trip.
 */
public final class IngestValidator {

    public static final int MAX_EVENTS = IngestLimits.MAX_EVENTS;
    public static final int MAX_RAW_REF_CHARS = 512;
    /** 2020-01-01T00:00:00Z. */
    public static final double MIN_TIMESTAMP = 1_577_836_800d;
    public static final double MAX_FUTURE_SECONDS = 24 * 3600d;

    /** Either a batch or the errors that stop it. */
    public record Result(Optional<IngestBatch> batch, List<FieldError> errors) {
    }

    private IngestValidator() {
    }

    /**
     * Validates a parsed body.
     *
     * @param body       the JSON body
     * @param nowSeconds the server's clock, for the "not more than 24 h ahead" rule
     */
    public static Result validate(JsonNode body, double nowSeconds) {
        FieldCheck check = new FieldCheck();
        List<Object> root = List.of("body");
        if (!body.isObject()) {
            check.add(root, "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type");
            return new Result(Optional.empty(), check.errors());
        }
        Utf8.unpairedSurrogates(body, root, check);
        if (!check.errors().isEmpty()) {
            return new Result(Optional.empty(), check.errors());
        }
        Optional<SourceType> sourceType = check.string(body.get("source_type"), FieldCheck.at(root, "source_type"))
                .flatMap(name -> oneOf(SourceType.fromWire(name),
                        SourceType.wireNames(), FieldCheck.at(root, "source_type"), check));
        Optional<Platform> platform = check.string(body.get("platform"), FieldCheck.at(root, "platform"))
                .flatMap(name -> oneOf(Platform.fromWire(name), Platform.wireNames(),
                        FieldCheck.at(root, "platform"), check));
        Optional<String> deviceId = matching(body.get("device_id"), FieldCheck.at(root, "device_id"),
                Identifiers::isDeviceId,
                "device_id must be 1-128 characters of letters, digits, '.', '_', ':' or '-' (a UUID v4 is "
                        + "recommended)", check);
        Optional<String> pluginId = pluginId(body.get("plugin_id"), FieldCheck.at(root, "plugin_id"), check);
        Optional<String> pluginVersion = matching(body.get("plugin_version"), FieldCheck.at(root, "plugin_version"),
                Identifiers::isSemver, "plugin_version must be a semantic version such as 1.0.0 (at most "
                        + Identifiers.VERSION_MAX + " characters)", check);
        Optional<Double> timestamp = timestamp(body.get("timestamp"), FieldCheck.at(root, "timestamp"), nowSeconds,
                check);
        List<IngestBatch.Event> events = events(body.get("events"), FieldCheck.at(root, "events"), sourceType,
                nowSeconds, check);

        if (!check.errors().isEmpty()) {
            return new Result(Optional.empty(), check.errors());
        }
        return new Result(Optional.of(new IngestBatch(sourceType.orElseThrow(), platform.orElseThrow(),
                deviceId.orElseThrow(), pluginId.orElseThrow(), pluginVersion.orElseThrow(), timestamp.orElseThrow(),
                events)), List.of());
    }

    private static List<IngestBatch.Event> events(JsonNode value, List<Object> loc, Optional<SourceType> type,
            double now, FieldCheck check) {
        List<IngestBatch.Event> events = new ArrayList<>();
        if (value == null || value.isNull()) {
            check.add(loc, "Field required", "missing");
            return events;
        }
        if (!value.isArray()) {
            check.add(loc, "Input should be a valid list", "list_type");
            return events;
        }
        if (value.isEmpty()) {
            check.add(loc, "List should have at least 1 item after validation, not 0", "too_short");
            return events;
        }
        if (value.size() > MAX_EVENTS) {
            check.add(loc, "List should have at most " + MAX_EVENTS + " items after validation, not " + value.size(),
                    "too_long");
            return events;
        }
        for (int i = 0; i < value.size(); i++) {
            event(value.get(i), FieldCheck.at(loc, i), type, now, check).ifPresent(events::add);
        }
        return events;
    }

    static final int MAX_REPLACES = 100;

    private static Optional<IngestBatch.Event> event(JsonNode event, List<Object> loc, Optional<SourceType> type,
            double now, FieldCheck check) {
        if (!event.isObject()) {
            check.add(loc, "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type");
            return Optional.empty();
        }
        int before = check.errors().size();
        Optional<Double> timestamp = timestamp(event.get("timestamp"), FieldCheck.at(loc, "timestamp"), now, check);
        JsonNode data = event.get("data");
        List<Object> dataLoc = FieldCheck.at(loc, "data");
        if (data == null || data.isNull()) {
            check.add(dataLoc, "Field required", "missing");
        } else if (!data.isObject()) {
            check.add(dataLoc, "Input should be a valid dictionary", "dict_type");
        } else if (type.isPresent()) {
            DataRules.validate(type.get(), (ObjectNode) data, dataLoc, check);
        }
        String rawRef = rawRef(event.get("raw_ref"), FieldCheck.at(loc, "raw_ref"), check);
        if (rawRef == null && type.filter(t -> t == SourceType.CONVERSATION).isPresent()
                && (event.get("raw_ref") == null || event.get("raw_ref").isNull())) {
            // A turn is identified by its advancement key: without it, a replay could not be recognised.
            check.add(FieldCheck.at(loc, "raw_ref"), "Field required (a conversation turn's raw_ref is its "
                    + "advancement key)", "missing");
        }
        List<String> replaces = replaces(event.get("replaces"), FieldCheck.at(loc, "replaces"), type, check);
        if (check.errors().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new IngestBatch.Event(timestamp.orElseThrow(), (ObjectNode) data, rawRef, replaces));
    }

    /** {@code replaces}: one raw_ref or a list of at most {@value #MAX_REPLACES}; not for conversation turns. */
    private static List<String> replaces(JsonNode value, List<Object> loc, Optional<SourceType> type,
            FieldCheck check) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (type.filter(t -> t == SourceType.CONVERSATION).isPresent()) {
            check.add(loc, "Value error, a conversation turn cannot replace another (its raw_ref is its "
                    + "advancement key)", "value_error");
            return List.of();
        }
        if (value.isArray() && (value.isEmpty() || value.size() > MAX_REPLACES)) {
            check.add(loc, "List should have 1 to " + MAX_REPLACES + " items", value.isEmpty() ? "too_short"
                    : "too_long");
            return List.of();
        }
        List<String> refs = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String ref = rawRef(value.get(i), FieldCheck.at(loc, i), check);
                if (ref != null) {
                    refs.add(ref);
                } else if (value.get(i).isNull()) {
                    check.add(FieldCheck.at(loc, i), "Input should be a valid string", "string_type");
                }
            }
        } else {
            String ref = rawRef(value, loc, check);
            if (ref != null) {
                refs.add(ref);
            }
        }
        return refs;
    }

    private static String rawRef(JsonNode value, List<Object> loc, FieldCheck check) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            check.add(loc, "Input should be a valid string", "string_type");
            return null;
        }
        String rawRef = value.textValue();
        if (rawRef.isEmpty()) {
            check.add(loc, "String should have at least 1 character", "string_too_short");
        } else if (rawRef.codePointCount(0, rawRef.length()) > MAX_RAW_REF_CHARS) {
            check.add(loc, "String should have at most " + MAX_RAW_REF_CHARS + " characters", "string_too_long");
        }
        return rawRef;
    }

    private static Optional<Double> timestamp(JsonNode value, List<Object> loc, double now, FieldCheck check) {
        Optional<Double> seconds = check.number(value, loc);
        if (seconds.isEmpty()) {
            return seconds;
        }
        if (seconds.get() < MIN_TIMESTAMP) {
            check.add(loc, "Value error, timestamp must not be before 2020-01-01T00:00:00Z (1577836800)",
                    "value_error");
            return Optional.empty();
        }
        if (seconds.get() > now + MAX_FUTURE_SECONDS) {
            check.add(loc, "Value error, timestamp must not be more than 24 h in the future; send the capture time "
                    + "in seconds since the epoch", "value_error");
            return Optional.empty();
        }
        return seconds;
    }

    private static Optional<String> pluginId(JsonNode value, List<Object> loc, FieldCheck check) {
        Optional<String> id = check.string(value, loc);
        if (id.isPresent() && id.get().length() > Identifiers.PLUGIN_ID_MAX) {
            check.add(loc, "String should have at most " + Identifiers.PLUGIN_ID_MAX + " characters",
                    "string_too_long");
            return Optional.empty();
        }
        if (id.isPresent() && !Identifiers.isPluginId(id.get())) {
            check.add(loc, "Value error, plugin_id must be kebab-case: lowercase letters and digits separated by "
                    + "single hyphens, such as my-plugin", "value_error");
            return Optional.empty();
        }
        return id;
    }

    private static Optional<String> matching(JsonNode value, List<Object> loc, Predicate<String> rule,
            String ruleText, FieldCheck check) {
        Optional<String> text = check.string(value, loc);
        if (text.isPresent() && !rule.test(text.get())) {
            check.add(loc, "Value error, " + ruleText, "value_error");
            return Optional.empty();
        }
        return text;
    }

    private static <T> Optional<T> oneOf(Optional<T> parsed, String names, List<Object> loc, FieldCheck check) {
        if (parsed.isEmpty()) {
            check.add(loc, "Input should be " + names.replaceAll(", ([^,]*)$", " or $1"), "enum");
        }
        return parsed;
    }
}
