package dev.openclone.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.Platform;
import dev.openclone.event.SourceType;
import java.util.List;
import java.util.Map;

/**
 * A valid {@code plugin.json}: the seed's fields plus {@code status} and {@code description}.
 *
 * @param configSchema user settings by name, each with its type and default
 */
public record Manifest(String id, String name, String version, List<Platform> platforms, List<SourceType> sourceTypes,
        SourceType.Sensitivity sensitivity, List<String> requiresPermissions, Map<String, ConfigField> configSchema,
        Status status, String description) {

    /** How far along a plugin is; {@code planned} until it works. */
    public enum Status { STABLE, BETA, PLANNED }

    /** One user setting: {@code {"type": "integer", "default": 60}}. */
    public record ConfigField(String type, JsonNode defaultValue, String description) {
    }

    /** The setting that decides whether a plugin sends anything; HIGH/CRITICAL plugins ship it false. */
    public static final String ENABLED = "openclone.enabled";

    public Manifest {
        platforms = List.copyOf(platforms);
        sourceTypes = List.copyOf(sourceTypes);
        requiresPermissions = List.copyOf(requiresPermissions);
        configSchema = Map.copyOf(configSchema);
    }
}
