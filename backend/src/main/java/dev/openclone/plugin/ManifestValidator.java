package dev.openclone.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.Identifiers;
import dev.openclone.event.Platform;
import dev.openclone.event.SourceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a {@code plugin.json} is valid (seed "Plugin Manifest", SPEC §8). Every
 * error names its field and says what to change.
 */
public final class ManifestValidator {

    static final Set<String> CONFIG_TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
    static final Set<String> FIELDS = Set.of("id", "name", "version", "platform", "source_types", "sensitivity",
            "requires_permissions", "config_schema", "status", "description");

    /** A manifest, or why not. */
    public record Result(Optional<Manifest> manifest, List<String> errors) {
    }

    private ManifestValidator() {
    }

    public static Result validate(JsonNode json) {
        List<String> errors = new ArrayList<>();
        if (json == null || !json.isObject()) {
            return new Result(Optional.empty(), List.of("plugin.json must hold a JSON object"));
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add(field + ": unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList())
                        + ")");
            }
        }
        String id = text(json, "id", errors);
        if (id != null && !Identifiers.isPluginId(id)) {
            errors.add("id: '" + id + "' must be kebab-case (lowercase letters and digits, single hyphens), at most "
                    + Identifiers.PLUGIN_ID_MAX + " characters");
        }
        String name = text(json, "name", errors);
        String version = text(json, "version", errors);
        if (version != null && !Identifiers.isSemver(version)) {
            errors.add("version: '" + version + "' must be a semantic version such as 1.0.0");
        }
        List<Platform> platforms = list(json, "platform", errors, Platform::fromWire, Platform.wireNames());
        List<SourceType> sourceTypes = list(json, "source_types", errors, SourceType::fromWire,
                SourceType.wireNames());
        SourceType.Sensitivity sensitivity = sensitivity(json, errors);
        if (sensitivity != null && !sourceTypes.isEmpty()) {
            SourceType highest = sourceTypes.stream()
                    .max((a, b) -> a.sensitivity().compareTo(b.sensitivity())).orElseThrow();
            if (sensitivity.compareTo(highest.sensitivity()) < 0) {
                errors.add("sensitivity: " + sensitivity + " is lower than " + highest.sensitivity() + ", the "
                        + "sensitivity of " + highest.wireName() + "; declare at least " + highest.sensitivity());
            }
        }
        List<String> permissions = strings(json, "requires_permissions", errors);
        Map<String, Manifest.ConfigField> config = configSchema(json, errors);
        Manifest.Status status = status(json, errors);
        String description = optionalText(json, "description", errors);
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new Manifest(id, name, version, platforms, sourceTypes, sensitivity,
                permissions, config, status, description)), List.of());
    }

    private static String text(JsonNode json, String field, List<String> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            errors.add(field + ": required");
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            errors.add(field + ": must be a non-empty string");
            return null;
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode json, String field, List<String> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            errors.add(field + ": must be a string");
            return "";
        }
        return value.textValue();
    }

    private static <T> List<T> list(JsonNode json, String field, List<String> errors,
            java.util.function.Function<String, Optional<T>> parse, String allowed) {
        JsonNode value = json.get(field);
        List<T> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            errors.add(field + ": required");
            return items;
        }
        if (!value.isArray() || value.isEmpty()) {
            errors.add(field + ": must be a non-empty list of " + allowed);
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            Optional<T> parsed = item.isTextual() ? parse.apply(item.textValue()) : Optional.empty();
            if (parsed.isEmpty()) {
                errors.add(field + "[" + i + "]: " + item + " is not one of " + allowed);
            } else if (items.contains(parsed.get())) {
                errors.add(field + "[" + i + "]: " + item + " is listed twice");
            } else {
                items.add(parsed.get());
            }
        }
        return items;
    }

    private static List<String> strings(JsonNode json, String field, List<String> errors) {
        JsonNode value = json.get(field);
        List<String> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            errors.add(field + ": must be a list of strings");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                errors.add(field + "[" + i + "]: must be a string");
            } else {
                items.add(value.get(i).textValue());
            }
        }
        return items;
    }

    private static SourceType.Sensitivity sensitivity(JsonNode json, List<String> errors) {
        String value = text(json, "sensitivity", errors);
        if (value == null) {
            return null;
        }
        try {
            return SourceType.Sensitivity.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add("sensitivity: '" + value + "' is not one of " + Arrays.toString(SourceType.Sensitivity.values()));
            return null;
        }
    }

    private static Manifest.Status status(JsonNode json, List<String> errors) {
        JsonNode value = json.get("status");
        if (value == null || value.isNull()) {
            return Manifest.Status.PLANNED;
        }
        if (value.isTextual()) {
            for (Manifest.Status status : Manifest.Status.values()) {
                if (status.name().toLowerCase(Locale.ROOT).equals(value.textValue())) {
                    return status;
                }
            }
        }
        errors.add("status: " + value + " is not one of \"stable\", \"beta\", \"planned\"");
        return Manifest.Status.PLANNED;
    }

    private static Map<String, Manifest.ConfigField> configSchema(JsonNode json, List<String> errors) {
        Map<String, Manifest.ConfigField> fields = new LinkedHashMap<>();
        JsonNode schema = json.get("config_schema");
        if (schema == null || schema.isNull()) {
            return fields;
        }
        if (!schema.isObject()) {
            errors.add("config_schema: must be an object of settings, each {\"type\": …, \"default\": …}");
            return fields;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = "config_schema." + entry.getKey();
            JsonNode field = entry.getValue();
            if (!field.isObject()) {
                errors.add(at + ": must be an object {\"type\": …, \"default\": …}");
                continue;
            }
            JsonNode type = field.get("type");
            if (type == null || !type.isTextual() || !CONFIG_TYPES.contains(type.textValue())) {
                errors.add(at + ".type: must be one of " + String.join(", ", CONFIG_TYPES.stream().sorted().toList()));
                continue;
            }
            JsonNode defaultValue = field.get("default");
            if (defaultValue == null) {
                errors.add(at + ".default: required (the value the plugin uses until the user changes it)");
                continue;
            }
            if (!hasType(defaultValue, type.textValue())) {
                errors.add(at + ".default: " + defaultValue + " is not of type " + type.textValue());
                continue;
            }
            for (Iterator<String> keys = field.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("type", "default", "description").contains(key)) {
                    errors.add(at + "." + key + ": unknown key (known: type, default, description)");
                }
            }
            fields.put(entry.getKey(), new Manifest.ConfigField(type.textValue(), defaultValue,
                    field.path("description").asText("")));
        }
        return fields;
    }

    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(
                    value.doubleValue()) && Double.isFinite(value.doubleValue()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }
}
