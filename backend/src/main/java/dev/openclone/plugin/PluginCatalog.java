package dev.openclone.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins found at start in {@code OPENCLONE_PLUGINS/<folder>/plugin.json}. A broken manifest is kept with its
 * errors, so the registry can show what to fix; it never stops the server.
 */
public final class PluginCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * One plugin folder.
     *
     * @param folder   the folder's name
     * @param raw      the manifest as written, or null when it is not a JSON object
     * @param manifest the manifest when valid
     * @param errors   why it is not valid
     */
    public record Entry(String folder, JsonNode raw, Optional<Manifest> manifest, List<String> errors) {

        public Entry {
            errors = List.copyOf(errors);
        }

        /** The plugin's id: the manifest's, else the folder's name. */
        public String id() {
            return manifest.map(Manifest::id).orElseGet(() -> raw != null && raw.path("id").isTextual()
                    ? raw.get("id").textValue() : folder);
        }
    }

    private final List<Entry> entries;

    private PluginCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Scans {@code folder}; a missing folder is an empty catalogue. */
    public static PluginCatalog scan(Path folder) {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            LOG.info("No plugin folder at {}: the plugin registry is empty", folder);
            return new PluginCatalog(entries);
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path dir : children.filter(Files::isDirectory).sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("plugin.json"))) {
                    entries.add(read(dir));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the plugin folder {}: {}", folder, e.toString());
        }
        Set<String> ids = new HashSet<>();
        List<Entry> checked = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.manifest().isPresent() && !ids.add(entry.id())) {
                checked.add(new Entry(entry.folder(), entry.raw(), Optional.empty(),
                        List.of("id: '" + entry.id() + "' is used by another plugin folder too")));
            } else {
                checked.add(entry);
            }
        }
        long broken = checked.stream().filter(e -> e.manifest().isEmpty()).count();
        LOG.info("Plugin registry: {} plugin(s) in {}, {} with manifest errors", checked.size(), folder, broken);
        return new PluginCatalog(checked);
    }

    /** Reads and validates one folder's manifest. */
    public static Entry read(Path dir) {
        String folder = dir.getFileName().toString();
        JsonNode raw;
        try {
            raw = JSON.readTree(Files.readAllBytes(dir.resolve("plugin.json")));
        } catch (JsonProcessingException e) {
            return new Entry(folder, null, Optional.empty(), List.of("plugin.json is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " (line " + e.getLocation().getLineNr()
                    + ")"));
        } catch (IOException e) {
            return new Entry(folder, null, Optional.empty(), List.of("plugin.json cannot be read: " + e));
        }
        ManifestValidator.Result result = ManifestValidator.validate(raw);
        return new Entry(folder, raw != null && raw.isObject() ? raw : null, result.manifest(), result.errors());
    }
}
