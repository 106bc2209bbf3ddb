package dev.openclone.ingest;

import dev.openclone.event.SourceType;
import dev.openclone.event.HealthMetric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each source type's {@code data} must hold (SPEC §5): required fields and the types of the known fields.
 * Unknown extra fields are kept as sent. The renderer relies on these checks: a field that passed here has the
 * type it expects.
 */
final class DataRules {

    /** The kinds of value a known field may hold. */
    enum Kind { TEXT, STRING, NON_NEGATIVE, UNIT_INTERVAL, LATITUDE, LONGITUDE, STRINGS, STRING_OR_STRINGS,
        TIME, PLACE, ATTENDEES }

    static final Set<String> EMAIL_BODY_FIELDS = Set.of("body", "text", "html", "content");
    static final int PREVIEW_MAX_CHARS = 280;

    private record Field(String name, Kind kind, boolean required) {
    }

    private static final Map<SourceType, List<Field>> FIELDS = Map.ofEntries(
            Map.entry(SourceType.AUDIO_SYSTEM, List.of(req("text", Kind.TEXT), opt("duration", Kind.NON_NEGATIVE),
                    opt("app_name", Kind.STRING), opt("confidence", Kind.UNIT_INTERVAL))),
            Map.entry(SourceType.AUDIO_MIC, List.of(req("text", Kind.TEXT), opt("duration", Kind.NON_NEGATIVE),
                    opt("app_name", Kind.STRING), opt("confidence", Kind.UNIT_INTERVAL))),
            Map.entry(SourceType.SCREEN_OCR, List.of(req("text", Kind.TEXT), opt("app_name", Kind.STRING),
                    opt("window_title", Kind.STRING), opt("url", Kind.STRING))),
            Map.entry(SourceType.JOURNAL, List.of(req("text", Kind.TEXT), opt("duration", Kind.NON_NEGATIVE),
                    opt("title", Kind.STRING))),
            Map.entry(SourceType.BRAINDUMP, List.of(req("text", Kind.TEXT))),
            Map.entry(SourceType.WEB_BROWSING, List.of(req("url", Kind.TEXT), opt("title", Kind.STRING),
                    opt("domain", Kind.STRING), opt("reading_time", Kind.NON_NEGATIVE), opt("excerpt", Kind.STRING),
                    opt("content", Kind.STRING), opt("language", Kind.STRING))),
            Map.entry(SourceType.MUSIC, List.of(req("track", Kind.TEXT), opt("artist", Kind.STRING),
                    opt("album", Kind.STRING), opt("duration", Kind.NON_NEGATIVE))),
            Map.entry(SourceType.HEALTH, List.of()),
            Map.entry(SourceType.CALENDAR, List.of(req("title", Kind.TEXT), req("start", Kind.TIME),
                    opt("end", Kind.TIME), opt("location", Kind.STRING), opt("attendees", Kind.ATTENDEES))),
            Map.entry(SourceType.NOTES, List.of(opt("title", Kind.STRING), opt("text", Kind.STRING),
                    opt("tags", Kind.STRINGS))),
            Map.entry(SourceType.GPS, List.of(req("lat", Kind.LATITUDE), req("lon", Kind.LONGITUDE),
                    opt("accuracy", Kind.NON_NEGATIVE), opt("place_name", Kind.STRING))),
            Map.entry(SourceType.PHOTOS, List.of(req("filename", Kind.TEXT), opt("location", Kind.PLACE),
                    opt("timestamp", Kind.TIME))),
            Map.entry(SourceType.EMAIL, List.of(req("subject", Kind.TEXT), opt("from", Kind.STRING),
                    opt("to", Kind.STRING_OR_STRINGS), opt("date", Kind.TIME))),
            Map.entry(SourceType.MESSAGING, List.of(req("from", Kind.TEXT), opt("platform", Kind.STRING),
                    opt("preview", Kind.STRING))),
            Map.entry(SourceType.ACTIVITY, List.of(req("app_name", Kind.TEXT), opt("category", Kind.STRING),
                    opt("duration", Kind.NON_NEGATIVE))),
            Map.entry(SourceType.CONVERSATION, List.of(opt("session_key", Kind.STRING),
                    opt("session_id", Kind.STRING))));

    private DataRules() {
    }

    /** Adds every error of {@code data} for {@code type} to {@code check}. */
    static void validate(SourceType type, ObjectNode data, List<Object> loc, FieldCheck check) {
        for (Field field : FIELDS.get(type)) {
            JsonNode value = data.get(field.name());
            boolean absent = value == null || value.isNull();
            if (absent) {
                if (field.required()) {
                    check.add(FieldCheck.at(loc, field.name()), "Field required", "missing");
                }
                continue;
            }
            kind(field.kind(), value, FieldCheck.at(loc, field.name()), check);
        }
        switch (type) {
            case HEALTH -> health(data, loc, check);
            case NOTES -> notes(data, loc, check);
            case EMAIL -> email(data, loc, check);
            case MESSAGING -> preview(data, loc, check);
            case CONVERSATION -> conversation(data, loc, check);
            default -> { }
        }
    }

    private static void kind(Kind kind, JsonNode value, List<Object> loc, FieldCheck check) {
        switch (kind) {
            case TEXT -> check.text(value, loc);
            case STRING -> check.string(value, loc);
            case NON_NEGATIVE -> check.number(value, loc, 0, Double.MAX_VALUE);
            case UNIT_INTERVAL -> check.number(value, loc, 0, 1);
            case LATITUDE -> check.number(value, loc, -90, 90);
            case LONGITUDE -> check.number(value, loc, -180, 180);
            case STRINGS -> check.stringList(value, loc);
            case STRING_OR_STRINGS -> check.stringOrList(value, loc);
            case TIME -> check.time(value, loc);
            case PLACE -> place(value, loc, check);
            case ATTENDEES -> attendees(value, loc, check);
        }
    }

    private static void place(JsonNode value, List<Object> loc, FieldCheck check) {
        if (value.isTextual()) {
            return;
        }
        if (!value.isObject()) {
            check.add(loc, "Input should be a place name or an object with lat and lon", "place_type");
            return;
        }
        check.number(value.get("lat"), FieldCheck.at(loc, "lat"), -90, 90);
        check.number(value.get("lon"), FieldCheck.at(loc, "lon"), -180, 180);
    }

    private static void attendees(JsonNode value, List<Object> loc, FieldCheck check) {
        if (!value.isArray()) {
            check.add(loc, "Input should be a valid list", "list_type");
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode attendee = value.get(i);
            boolean named = attendee.isObject()
                    && (attendee.path("name").isTextual() || attendee.path("email").isTextual());
            if (!attendee.isTextual() && !named) {
                check.add(FieldCheck.at(loc, i), "Input should be a name, or an object with a name or an email",
                        "attendee_type");
            }
        }
    }

    /** A committed turn (SPEC §10): its transcript messages, and where this turn's prompt starts among them. */
    private static void conversation(ObjectNode data, List<Object> loc, FieldCheck check) {
        JsonNode messages = data.get("messages");
        if (messages == null || messages.isNull()) {
            check.add(FieldCheck.at(loc, "messages"), "Field required", "missing");
        } else if (!messages.isArray()) {
            check.add(FieldCheck.at(loc, "messages"), "Input should be a valid list", "list_type");
        }
        JsonNode count = data.get("pre_prompt_message_count");
        if (count != null && !count.isNull()) {
            if (!count.canConvertToExactIntegral() || !count.isNumber() || !count.canConvertToInt()) {
                check.add(FieldCheck.at(loc, "pre_prompt_message_count"),
                        "Input should be a valid integer", "int_type");
            } else if (count.intValue() < 0) {
                check.add(FieldCheck.at(loc, "pre_prompt_message_count"),
                        "Input should be greater than or equal to 0", "greater_than_equal");
            }
        }
    }

    private static void health(ObjectNode data, List<Object> loc, FieldCheck check) {
        boolean anyMetric = false;
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            JsonNode value = field.getValue();
            if (HealthMetric.known().contains(field.getKey())) {
                if (!value.isNull() && check.number(value, FieldCheck.at(loc, field.getKey()), 0, Double.MAX_VALUE)
                        .isPresent()) {
                    anyMetric = true;
                }
            } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                anyMetric = true;
            }
        }
        if (!anyMetric) {
            check.add(loc, "Value error, health events need at least one numeric metric such as steps, "
                    + "heart_rate or sleep_hours", "value_error");
        }
    }

    private static void notes(ObjectNode data, List<Object> loc, FieldCheck check) {
        boolean hasTitle = data.path("title").isTextual() && !data.path("title").textValue().isBlank();
        boolean hasText = data.path("text").isTextual() && !data.path("text").textValue().isBlank();
        if (!hasTitle && !hasText) {
            check.add(loc, "Value error, notes events need a title or a text", "value_error");
        }
    }

    private static void email(ObjectNode data, List<Object> loc, FieldCheck check) {
        for (String field : EMAIL_BODY_FIELDS) {
            if (data.has(field)) {
                check.add(FieldCheck.at(loc, field), "Value error, email events must not contain a body",
                        "value_error");
            }
        }
    }

    private static void preview(ObjectNode data, List<Object> loc, FieldCheck check) {
        JsonNode preview = data.get("preview");
        if (preview != null && preview.isTextual()) {
            String text = preview.textValue();
            int chars = text.codePointCount(0, text.length());
            if (chars > PREVIEW_MAX_CHARS) {
                check.add(FieldCheck.at(loc, "preview"), "String should have at most " + PREVIEW_MAX_CHARS
                        + " characters", "string_too_long");
            }
        }
    }

    private static Field req(String name, Kind kind) {
        return new Field(name, kind, true);
    }

    private static Field opt(String name, Kind kind) {
        return new Field(name, kind, false);
    }
}
