package dev.openclone.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.event.EventText;
import dev.openclone.event.Urls;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.Reply;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexReader;
import dev.openclone.search.Searches;
import dev.openclone.store.Forgotten;
import dev.openclone.store.StorageException;
import dev.openclone.tenant.Tenant;
import dev.openclone.tenant.Tenants;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/forget}: forgets what a selection matches, for the owner's key only ({@code API_KEY}), in
 * the default tenant or the one named. Each event's entry is cut out of its daily file, its data leaves the index
 * (a content-free tombstone keeps its dedup key, so a replay does not bring it back), a conversation turn's recall
 * line goes, and the search index drops it before the answer. {@code "dry_run": true} lists what would go instead.
 * <pre>
 * curl -X POST -H "X-API-Key: $API_KEY" http://127.0.0.1:8000/api/v1/forget \
 *   -d '{"app": "Signal", "from": "2026-11-01", "dry_run": true}'
 * </pre>
 */
public final class ForgetService {

    /** How many of the events a dry run lists (all are counted). */
    static final int LISTED = 100;
    private static final Set<String> FIELDS = fields();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ForgetService.class);

    private final Tenants tenants;
    private final Searches searches;
    private final ZoneId zone;
    private final Forgetter forgetter;

    public ForgetService(Tenants tenants, Searches searches, ZoneId zone, ConversationConfig conversation) {
        this.tenants = tenants;
        this.searches = searches;
        this.zone = zone;
        this.forgetter = new Forgetter(tenants, searches, conversation);
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(Selection.SELECTORS);
        fields.add("dry_run");
        fields.add("tenant");
        return Set.copyOf(fields);
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            Responses.detail(ctx, 422, List.of(new FieldError(List.of("body"), "JSON decode error: send a JSON "
                    + "object such as {\"app\": \"Signal\", \"dry_run\": true}", "json_invalid")));
            return;
        }
        if (body == null || !body.isObject()) {
            Responses.detail(ctx, 422, List.of(new FieldError(List.of("body"), "Input should be a JSON object",
                    "model_type")));
            return;
        }
        Responses.send(ctx, answer(body));
    }

    /** The answer to a request body (a JSON object), as the endpoint gives it (the dashboard asks it too). */
    public Reply answer(JsonNode body) throws IOException, InterruptedException {
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(List.of("body", name), "Extra inputs are not permitted (the fields are "
                        + String.join(", ", new TreeSet<>(FIELDS)) + ")", "extra_forbidden"));
            }
        });
        Selection selection = Selection.parse(Params.of(body), zone, errors);
        JsonNode dryRun = body.path("dry_run");
        if (!dryRun.isMissingNode() && !dryRun.isBoolean()) {
            errors.add(new FieldError(List.of("body", "dry_run"), "Input should be a valid boolean", "bool_type"));
        }
        if (!errors.isEmpty()) {
            return Reply.detail(422, errors);
        }
        String name = body.path("tenant").asText(Tenant.DEFAULT);
        try {
            Optional<Tenant> tenant = tenants.tenant(name);
            if (tenant.isEmpty()) {
                return Reply.detail(404, "No tenant named '" + name + "' is served here");
            }
            List<IndexReader.StoredEvent> matched = select(tenant.get(), selection);
            if (dryRun.asBoolean(false)) {
                return Reply.ok(preview(tenant.get(), matched));
            }
            return Reply.ok(forget(tenant.get(), matched));
        } catch (StorageException e) {
            LOG.error("Forget failed in tenant {}: {}", name, e.getMessage());
            return Reply.detail(500, "Storage error — the forget did not finish; it is finished at the next start "
                    + "if it got past its commit point");
        }
    }

    /** The live events the selection matches, oldest stored first. */
    List<IndexReader.StoredEvent> select(Tenant tenant, Selection selection) throws IOException {
        Set<Long> byWords = null;
        if (selection.query() != null) {
            searches.catchUp(tenant.vault());
            byWords = new HashSet<>(searches.matching(tenant.vault(), selection.query()));
        }
        Set<Long> words = byWords;
        List<IndexReader.StoredEvent> matched = new ArrayList<>();
        new IndexReader(tenant.vault()).eachLiveEvent(selection.fromMillis(), selection.toMillis(),
                selection.sourceTypes(), selection.plugin(), selection.device(), row -> {
                    if ((words == null || words.contains(row.id())) && matches(row, selection)) {
                        matched.add(row);
                    }
                    return true;
                });
        return matched;
    }

    private static boolean matches(IndexReader.StoredEvent row, Selection selection) throws IOException {
        if (selection.app() == null && selection.domain() == null) {
            return true;
        }
        JsonNode data = JSON.readTree(row.data());
        if (selection.app() != null && !selection.app().equalsIgnoreCase(data.path("app_name").asText(""))) {
            return false;
        }
        if (selection.domain() != null) {
            String domain = data.path("domain").asText("");
            if (domain.isEmpty() && data.hasNonNull("url")) {
                domain = Urls.host(data.get("url").asText()).orElse("");
            }
            return selection.domain().equals(Selection.host(domain));
        }
        return true;
    }

    private Map<String, Object> preview(Tenant tenant, List<IndexReader.StoredEvent> matched) throws IOException {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (IndexReader.StoredEvent row : matched.subList(0, Math.min(LISTED, matched.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", row.id());
            entry.put("captured_at", Instant.ofEpochMilli(Math.round(row.capturedAt() * 1000)).atZone(zone)
                    .toOffsetDateTime().toString());
            entry.put("source_type", row.sourceType());
            entry.put("file", row.file());
            entry.put("label", EventText.label(JSON.readValue(row.data(), Map.class)));
            listed.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dry_run", true);
        answer.put("tenant", tenant.name());
        answer.put("events", matched.size());
        answer.put("entries", listed);
        answer.put("more", matched.size() > LISTED);
        return answer;
    }

    private Map<String, Object> forget(Tenant tenant, List<IndexReader.StoredEvent> matched)
            throws StorageException, InterruptedException, IOException {
        Forgotten forgotten = forgetter.forget(tenant, matched);
        LOG.info("Forgot {} events in tenant {}: {} entries cut from the vault, {} left where a person changed them",
                forgotten.events(), tenant.name(), forgotten.cut(), forgotten.kept());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", tenant.name());
        answer.put("forgotten", forgotten.events());
        answer.put("cut", forgotten.cut());
        answer.put("kept", forgotten.kept());
        return answer;
    }
}
