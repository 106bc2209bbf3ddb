package dev.openclone.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexStats;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/plugins}: every plugin of the catalogue, valid or not, with the calling tenant's stats
 * (SPEC §8). Any valid key may call it; the stats are always the key's own tenant's.
 * <pre>
 * curl -H "X-API-Key: $API_KEY" http://127.0.0.1:8000/api/v1/plugins
 * </pre>
 */
public final class PluginsService {

    private final PluginCatalog catalog;

    public PluginsService(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    public void handle(Context ctx) throws IOException {
        Responses.json(ctx, 200, Map.of("plugins", list(AccessFilter.caller(ctx))));
    }

    /** The plugin list as {@code GET /api/v1/plugins} answers it, with what each stored in the tenant of {@code access}. */
    public List<ObjectNode> list(Access access) throws IOException {
        Map<String, IndexStats.PluginStats> stats = new IndexStats(access.tenant().vault()).pluginStats();
        List<ObjectNode> plugins = new ArrayList<>();
        for (PluginCatalog.Entry entry : catalog.entries()) {
            ObjectNode plugin = entry.raw() == null ? PluginCatalog.JSON.createObjectNode() : entry.raw().deepCopy();
            plugin.put("id", entry.id());
            plugin.put("status", entry.manifest().map(m -> m.status().name().toLowerCase(Locale.ROOT))
                    .orElse(plugin.path("status").asText("planned")));
            plugin.put("valid", entry.manifest().isPresent());
            entry.errors().forEach(plugin.putArray("errors")::add);
            if (entry.errors().isEmpty()) {
                plugin.putArray("errors");
            }
            IndexStats.PluginStats own = stats.get(entry.id());
            ObjectNode stat = plugin.putObject("stats");
            stat.put("events", own == null ? 0 : own.events());
            if (own == null) {
                stat.putNull("last_seen");
            } else {
                stat.put("last_seen", own.lastSeen());
            }
            stat.put("devices", own == null ? 0 : own.devices());
            plugins.add(plugin);
        }
        return plugins;
    }

}
