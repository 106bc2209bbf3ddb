package dev.openclone.obsidian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.agent.PluginStateFile;
import dev.openclone.sdk.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obsidian: the notes of one or more Obsidian vaults (never OpenClone's own), created, changed, renamed and
 * deleted, as {@code notes} events. A first run imports the notes already there, a batch per capture.
 */
public final class ObsidianNotes implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ObsidianNotes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginContext context;
    private final Map<String, VaultChanges> vaults = new LinkedHashMap<>();
    private PluginStateFile stateFile;
    private boolean unsaved;

    @Override
    public String id() {
        return "openclone-obsidian";
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings settings = context.settings();
        List<String> paths = settings.texts("vaults");
        if (paths.isEmpty()) {
            throw new CaptureException("no Obsidian vault to watch: add \"vaults\": [\"~/Documents/My Vault\"] to "
                    + "the openclone-obsidian settings of the agent's config");
        }
        stateFile = PluginStateFile.of(context);
        JsonNode saved = stateFile.read();
        vaults.clear();
        for (String configured : paths) {
            Path root = expand(configured);
            if (!Files.isDirectory(root)) {
                throw new CaptureException("Obsidian vault " + root + " is not a folder: check \"vaults\" in the "
                        + "openclone-obsidian settings");
            }
            if (Files.exists(root.resolve(".openclone"))) {
                throw new CaptureException(root + " is OpenClone's own vault: watching it would copy the vault "
                        + "into itself; list your Obsidian vaults in \"vaults\" instead");
            }
            String name = root.getFileName().toString();
            if (vaults.containsKey(name)) {
                throw new CaptureException("two vaults named " + name + " in \"vaults\": their notes could not be "
                        + "told apart");
            }
            VaultFolder folder = new VaultFolder(name, root, settings.texts("exclude_folders").stream()
                    .map(f -> f.replaceAll("^/+|/+$", "")).filter(f -> !f.isEmpty()).toList());
            vaults.put(name, new VaultChanges(folder, (int) settings.integer("max_text_chars"),
                    settings.integer("settle_seconds") * 1000, (int) settings.integer("import_batch"),
                    saved.path("vaults").get(name)));
        }
    }

    @Override
    public List<Event> capture() throws CaptureException {
        // what the last capture found has been handed to the agent's spool by now: its state can be saved
        save();
        long now = context.clock().millis();
        List<Event> events = new ArrayList<>();
        for (VaultChanges vault : vaults.values()) {
            boolean importing = !vault.imported();
            List<NoteChange> changes;
            try {
                changes = vault.look(now);
            } catch (IOException | UncheckedIOException e) {
                throw new CaptureException("cannot read the vault: " + e.getMessage(), e);
            }
            vault.skipped.forEach(context::count);
            vault.skipped.clear();
            for (NoteChange change : changes) {
                context.count(change.kind());
                events.add(event(change));
            }
            if (importing) {
                LOG.info("openclone-obsidian: imported {} of {} notes{}", vault.known(), vault.importTotal(),
                        vault.imported() ? " (first import done)" : "");
            }
            unsaved |= vault.takeDirty();
        }
        return events;
    }

    private static Event event(NoteChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", change.title());
        data.put("text", change.text());
        data.put("tags", change.tags());
        data.put("vault", change.vault());
        data.put("path", change.path());
        data.put("change", change.kind());
        if (change.previousPath() != null) {
            data.put("previous_path", change.previousPath());
        }
        return new Event("notes", change.timestamp(), data, change.rawRef());
    }

    private void save() throws CaptureException {
        if (!unsaved || stateFile == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("vaults");
        vaults.forEach((name, vault) -> all.set(name, vault.toJson()));
        stateFile.write(root);
        unsaved = false;
    }

    @Override
    public void close() {
        try {
            save();
        } catch (CaptureException e) {
            LOG.warn("openclone-obsidian: {}", e.getMessage());
        }
    }

    private static Path expand(String path) {
        String p = path.strip();
        if (p.equals("~") || p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        return Path.of(p).toAbsolutePath().normalize();
    }
}
