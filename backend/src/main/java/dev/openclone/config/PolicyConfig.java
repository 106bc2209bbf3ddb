package dev.openclone.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationConfigParser;
import dev.openclone.event.SourceType;
import dev.openclone.privacy.Exclusions;
import dev.openclone.privacy.Retention;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.TextPattern;
import dev.openclone.tenant.TenantName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code OPENCLONE_CONFIG} file (schema in {@code docs/configuration.md}): per-tenant redaction,
 * exclusions and source switches. Every key is checked; an unknown key, a wrong type or a bad pattern stops
 * start-up with one line naming the key, such as {@code tenants.alice.exclusions.apps[2]}.
 */
public final class PolicyConfig {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private PolicyConfig() {
    }

    /**
     * What the file configures.
     *
     * @param tenants      the policies by tenant name
     * @param conversation conversation capture settings
     */
    public record Parsed(Map<String, TenantPolicy> tenants, ConversationConfig conversation) {
    }

    /**
     * Reads the file.
     *
     * @param zone the server's zone, the default of {@code conversation.timezone}
     */
    public static Parsed read(Path file, ZoneId zone) throws SettingsException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new SettingsException("OPENCLONE_CONFIG: " + file + " is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " (line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new SettingsException("OPENCLONE_CONFIG: cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SettingsException("OPENCLONE_CONFIG: " + file + " must hold a JSON object");
        }
        onlyKeys(root, "", Set.of("tenants", "conversation"));
        ConversationConfig conversation;
        try {
            conversation = ConversationConfigParser.parse(root.get("conversation"), zone);
        } catch (IllegalArgumentException e) {
            throw bad("conversation", e.getMessage());
        }
        return new Parsed(tenants(root.get("tenants")), conversation);
    }

    private static Map<String, TenantPolicy> tenants(JsonNode tenants) throws SettingsException {
        Map<String, TenantPolicy> policies = new LinkedHashMap<>();
        if (tenants == null) {
            return policies;
        }
        object(tenants, "tenants");
        for (Iterator<Map.Entry<String, JsonNode>> it = tenants.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tenant = it.next();
            String at = "tenants." + tenant.getKey();
            if (!TenantName.isValid(tenant.getKey())) {
                throw bad(at, "is not a tenant name (" + TenantName.RULE + ")");
            }
            policies.put(tenant.getKey(), policy(tenant.getValue(), at));
        }
        return policies;
    }

    private static TenantPolicy policy(JsonNode node, String at) throws SettingsException {
        object(node, at);
        onlyKeys(node, at, Set.of("redaction", "exclusions", "sources", "retention_days", "max_size_mb"));
        boolean redaction = true;
        if (node.has("redaction")) {
            JsonNode section = node.get("redaction");
            object(section, at + ".redaction");
            onlyKeys(section, at + ".redaction", Set.of("enabled"));
            redaction = bool(section.get("enabled"), at + ".redaction.enabled", true);
        }
        Exclusions exclusions = Exclusions.NONE;
        if (node.has("exclusions")) {
            JsonNode section = node.get("exclusions");
            String here = at + ".exclusions";
            object(section, here);
            onlyKeys(section, here, Set.of("apps", "window_titles", "domains", "urls"));
            exclusions = new Exclusions(patterns(section, here, "apps"), patterns(section, here, "window_titles"),
                    patterns(section, here, "domains"), patterns(section, here, "urls"));
        }
        Set<SourceType> disabled = EnumSet.noneOf(SourceType.class);
        Map<SourceType, Integer> sourceDays = new EnumMap<>(SourceType.class);
        if (node.has("sources")) {
            JsonNode section = node.get("sources");
            object(section, at + ".sources");
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> source = it.next();
                String here = at + ".sources." + source.getKey();
                SourceType type = SourceType.fromWire(source.getKey()).orElseThrow(
                        () -> bad(here, "is not a source type (" + SourceType.wireNames() + ")"));
                object(source.getValue(), here);
                onlyKeys(source.getValue(), here, Set.of("enabled", "retention_days"));
                if (!bool(source.getValue().get("enabled"), here + ".enabled", true)) {
                    disabled.add(type);
                }
                Integer days = days(source.getValue().get("retention_days"), here + ".retention_days");
                if (days != null) {
                    sourceDays.put(type, days);
                }
            }
        }
        Integer days = days(node.get("retention_days"), at + ".retention_days");
        Long maxBytes = null;
        JsonNode size = node.get("max_size_mb");
        if (size != null) {
            if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 1
                    || size.longValue() > 16L * 1024 * 1024) {
                throw bad(at + ".max_size_mb", "must be a whole number of MiB from 1 to 16777216");
            }
            maxBytes = size.longValue() * 1024 * 1024;
        }
        return new TenantPolicy(redaction, exclusions, disabled, new Retention(days, sourceDays, maxBytes));
    }

    private static Integer days(JsonNode value, String at) throws SettingsException {
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
                || value.intValue() > 36_500) {
            throw bad(at, "must be a whole number of days from 1 to 36500");
        }
        return value.intValue();
    }

    private static List<TextPattern> patterns(JsonNode section, String at, String key) throws SettingsException {
        List<TextPattern> patterns = new ArrayList<>();
        JsonNode list = section.get(key);
        if (list == null) {
            return patterns;
        }
        if (!list.isArray()) {
            throw bad(at + "." + key, "must be a list of patterns");
        }
        for (int i = 0; i < list.size(); i++) {
            String here = at + "." + key + "[" + i + "]";
            if (!list.get(i).isTextual()) {
                throw bad(here, "must be a string (a glob, or re:<regular expression>)");
            }
            try {
                patterns.add(TextPattern.parse(list.get(i).textValue()));
            } catch (IllegalArgumentException e) {
                throw bad(here, e.getMessage());
            }
        }
        return patterns;
    }

    private static boolean bool(JsonNode value, String at, boolean fallback) throws SettingsException {
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw bad(at, "must be true or false");
        }
        return value.booleanValue();
    }

    private static void object(JsonNode node, String at) throws SettingsException {
        if (!node.isObject()) {
            throw bad(at, "must be an object");
        }
    }

    private static void onlyKeys(JsonNode node, String at, Set<String> allowed) throws SettingsException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw bad(at.isEmpty() ? key : at + "." + key, "unknown key (allowed here: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static SettingsException bad(String at, String problem) {
        return new SettingsException("OPENCLONE_CONFIG: " + at + ": " + problem);
    }
}
