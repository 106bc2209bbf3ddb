package dev.openclone.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the agent reads of a plugin's {@code plugin.json}: its id, version, and {@code config_schema} (each
 * setting's type and default), against which the config file's values for it are checked.
 */
record PluginManifest(String id, String version, ObjectNode schema) {

    static final String ENABLED = "openclone.enabled";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The manifest packaged with {@code plugin} ({@code openclone-plugins/<id>/plugin.json}). */
    static PluginManifest of(CapturePlugin plugin) throws IOException {
        String resource = "openclone-plugins/" + plugin.id() + "/plugin.json";
        try (InputStream in = plugin.getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(plugin.id() + ": its jar holds no " + resource);
            }
            JsonNode manifest = JSON.readTree(in);
            JsonNode schema = manifest.path("config_schema");
            return new PluginManifest(manifest.path("id").asText(), manifest.path("version").asText("0.0.0"),
                    schema.isObject() ? (ObjectNode) schema : JSON.createObjectNode());
        }
    }

    /**
     * The settings from {@code configured} (the config file's object for this plugin, or null) over the schema's
     * defaults; every problem is added to {@code errors} as one line ({@code interval_seconds: should be an
     * integer}).
     */
    PluginSettings settings(JsonNode configured, List<String> errors) {
        ObjectNode values = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().has("default")) {
                values.set(field.getKey(), field.getValue().get("default"));
            }
        }
        if (configured != null && !configured.isNull()) {
            if (!configured.isObject()) {
                errors.add(id + ": its settings should be a JSON object");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = configured.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode declared = schema.get(field.getKey());
                    if (declared == null) {
                        errors.add(id + "." + field.getKey() + ": not a setting of this plugin (its settings: "
                                + String.join(", ", names()) + ")");
                    } else if (!fits(declared.path("type").asText(), field.getValue())) {
                        errors.add(id + "." + field.getKey() + ": should be " + declared.path("type").asText());
                    } else {
                        values.set(field.getKey(), field.getValue());
                    }
                }
            }
        }
        return new PluginSettings(values);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        schema.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }
}
