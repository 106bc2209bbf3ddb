package dev.openclone.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A plugin's settings: the config file's values for it over its config_schema's defaults, types checked. */
public final class PluginSettings {

    private final ObjectNode values;

    PluginSettings(ObjectNode values) {
        this.values = values.deepCopy();
    }

    public boolean has(String name) {
        return values.hasNonNull(name);
    }

    public long integer(String name) {
        return values.path(name).asLong();
    }

    public double number(String name) {
        return values.path(name).asDouble();
    }

    public boolean bool(String name) {
        return values.path(name).asBoolean();
    }

    public String text(String name) {
        return values.path(name).asText();
    }

    /** An array of strings ({@code exclude_apps}); empty when absent. */
    public List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        values.path(name).forEach(value -> texts.add(value.asText()));
        return texts;
    }

    JsonNode raw() {
        return values.deepCopy();
    }
}
