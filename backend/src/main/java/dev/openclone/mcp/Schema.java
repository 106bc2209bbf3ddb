package dev.openclone.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON schema of a tool's arguments, built property by property with a description a model can follow. The
 * bounds written here come from the constants the validation uses, so the schema cannot promise what the call
 * refuses.
 */
final class Schema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    Schema string(String name, String description) {
        return property(name, Map.of("type", "string", "description", description));
    }

    Schema dateTime(String name, String description) {
        return property(name, Map.of("type", "string", "description", description
                + ": a date (2026-12-02), a date-time (2026-12-02T09:30:00+01:00, or local in the vault's time zone)"
                + " or seconds since the epoch"));
    }

    Schema choice(String name, String description, List<String> values) {
        return property(name, Map.of("type", "string", "enum", values, "description", description));
    }

    Schema integer(String name, String description, int minimum, int maximum, int fallback) {
        return property(name, Map.of("type", "integer", "minimum", minimum, "maximum", maximum, "default", fallback,
                "description", description));
    }

    Schema strings(String name, String description) {
        return property(name, Map.of("type", "array", "items", Map.of("type", "string"), "description",
                description));
    }

    /** A property that takes one value of {@code values} or a list of them. */
    Schema choices(String name, String description, List<String> values) {
        Map<String, Object> one = Map.of("type", "string", "enum", values);
        return property(name, Map.of("anyOf", List.of(one, Map.of("type", "array", "items", one)), "description",
                description));
    }

    Schema required(String name) {
        required.add(name);
        return this;
    }

    private Schema property(String name, Map<String, Object> schema) {
        properties.put(name, schema);
        return this;
    }

    Set<String> names() {
        return properties.keySet();
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
