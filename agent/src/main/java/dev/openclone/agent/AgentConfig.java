package dev.openclone.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.sdk.TextPattern;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's config file (JSON; {@code --config}, else {@code OPENCLONE_AGENT_CONFIG}, else
 * {@code ~/.config/openclone/agent.json}):
 * <pre>
 * {"server_url": "http://127.0.0.1:8000",
 *  "api_key_file": "~/.config/openclone/agent.key",
 *  "device_id": "laptop",
 *  "exclude": {"apps": ["Signal"], "window_titles": ["*bank*"], "domains": ["bank.example"]},
 *  "plugins": {"openclone-linux-screen": {"openclone.enabled": true, "interval_seconds": 30}}}
 * </pre>
 * {@code api_key} may stand in for {@code api_key_file}. {@code state_dir} (default
 * {@code ~/.local/state/openclone-agent}) holds the spool, the status and the pause file.
 *
 * @param plugins each plugin's settings object as written, by plugin id
 */
public record AgentConfig(Path file, URI serverUrl, String apiKey, String deviceId, Path stateDir,
        CaptureExclusions exclude, Map<String, JsonNode> plugins) {

    static final Set<String> FIELDS = Set.of("server_url", "api_key", "api_key_file", "device_id", "state_dir",
            "exclude", "plugins");
    static final Set<String> EXCLUDE_FIELDS = Set.of("apps", "window_titles", "domains", "urls");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the config is when none is named: {@code OPENCLONE_AGENT_CONFIG}, else the user's config folder. */
    static Path defaultFile() {
        String named = System.getenv("OPENCLONE_AGENT_CONFIG");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".config");
        return base.resolve("openclone").resolve("agent.json");
    }

    /**
     * Reads and checks the config.
     *
     * @throws ConfigException with every problem, one per line, each naming the field and what to write
     */
    static AgentConfig load(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; write one (docs/agent.md) or name it with --config");
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": should be a JSON object");
        }
        List<String> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(name + ": not a setting of the agent (its settings: " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
        });
        URI url = url(root.path("server_url"), errors);
        String key = key(root, file, errors);
        String device = root.hasNonNull("device_id") ? root.get("device_id").asText() : hostName();
        if (!device.matches("[A-Za-z0-9._:-]{1,128}")) {
            errors.add("device_id: letters, digits and . _ : - only, at most 128 (for example \"laptop\")");
        }
        Path state = root.hasNonNull("state_dir") ? expand(root.get("state_dir").asText(), file)
                : defaultStateDir();
        CaptureExclusions exclude = exclusions(root.path("exclude"), errors);
        Map<String, JsonNode> plugins = new LinkedHashMap<>();
        JsonNode configured = root.path("plugins");
        if (configured.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = configured.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> plugin = it.next();
                plugins.put(plugin.getKey(), plugin.getValue());
            }
        } else if (!configured.isMissingNode()) {
            errors.add("plugins: should be an object of plugin ids, e.g. {\"openclone-linux-screen\": {}}");
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(file + ":\n  " + String.join("\n  ", errors));
        }
        return new AgentConfig(file, url, key, device, state, exclude, plugins);
    }

    /** The same config with {@code id} enabled or disabled, written back to its file (owner-only). */
    static void setEnabled(Path file, String id, boolean enabled) throws IOException {
        ObjectNode root = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        ObjectNode plugins = root.has("plugins") && root.get("plugins").isObject() ? (ObjectNode) root.get("plugins")
                : root.putObject("plugins");
        ObjectNode plugin = plugins.has(id) && plugins.get(id).isObject() ? (ObjectNode) plugins.get(id)
                : plugins.putObject(id);
        plugin.put(PluginManifest.ENABLED, enabled);
        StateFiles.writeOwnerOnly(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static URI url(JsonNode value, List<String> errors) {
        if (!value.isTextual()) {
            errors.add("server_url: required, the server's address (\"http://127.0.0.1:8000\")");
            return null;
        }
        try {
            URI uri = URI.create(value.asText().strip().replaceAll("/+$", ""));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            errors.add("server_url: should be an http:// or https:// address (\"http://127.0.0.1:8000\")");
            return null;
        }
    }

    private static String key(JsonNode root, Path file, List<String> errors) {
        if (root.hasNonNull("api_key")) {
            return root.get("api_key").asText().strip();
        }
        if (!root.hasNonNull("api_key_file")) {
            errors.add("api_key_file: required (a file holding the key), or api_key");
            return null;
        }
        Path keyFile = expand(root.get("api_key_file").asText(), file);
        try {
            String key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            if (key.startsWith("API_KEY=")) {
                key = key.substring("API_KEY=".length()).strip();
            }
            if (key.isEmpty()) {
                errors.add("api_key_file: " + keyFile + " is empty");
            }
            return key;
        } catch (IOException e) {
            errors.add("api_key_file: cannot read " + keyFile + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static CaptureExclusions exclusions(JsonNode exclude, List<String> errors) {
        if (exclude.isMissingNode() || exclude.isNull()) {
            return CaptureExclusions.NONE;
        }
        if (!exclude.isObject()) {
            errors.add("exclude: should be an object: {\"apps\": [...], \"window_titles\": [...], \"domains\": [...]}");
            return CaptureExclusions.NONE;
        }
        exclude.fieldNames().forEachRemaining(name -> {
            if (!EXCLUDE_FIELDS.contains(name)) {
                errors.add("exclude." + name + ": not a kind of exclusion (apps, window_titles, domains, urls)");
            }
        });
        return new CaptureExclusions(patterns(exclude, "apps", errors), patterns(exclude, "window_titles", errors),
                patterns(exclude, "domains", errors), patterns(exclude, "urls", errors));
    }

    static List<TextPattern> patterns(JsonNode parent, String name, List<String> errors) {
        List<TextPattern> patterns = new ArrayList<>();
        JsonNode list = parent.path(name);
        if (list.isMissingNode()) {
            return patterns;
        }
        if (!list.isArray()) {
            errors.add("exclude." + name + ": should be a list of patterns");
            return patterns;
        }
        for (JsonNode each : list) {
            try {
                patterns.add(TextPattern.parse(each.asText()));
            } catch (IllegalArgumentException e) {
                errors.add("exclude." + name + ": " + each.asText() + ": " + e.getMessage());
            }
        }
        return patterns;
    }

    /** A path as written: {@code ~/} is the home folder, a relative path is beside the config file. */
    static Path expand(String path, Path configFile) {
        if (path.startsWith("~/")) {
            return home().resolve(path.substring(2));
        }
        Path given = Path.of(path);
        Path parent = configFile.toAbsolutePath().getParent();
        return given.isAbsolute() || parent == null ? given : parent.resolve(given);
    }

    static Path defaultStateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".local").resolve("state");
        return base.resolve("openclone-agent");
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._:-]", "-");
            return name.isEmpty() ? "this-machine" : name.length() > 128 ? name.substring(0, 128) : name;
        } catch (IOException e) {
            return "this-machine";
        }
    }

    /** A config that cannot be used; the message lists every problem. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }
}
