package dev.openclone.search;

import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.Reply;
import dev.openclone.http.TimeParam;
import dev.openclone.tenant.Access;
import dev.openclone.http.Responses;
import dev.openclone.tenant.AccessFilter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/search}: ranked full text over the key's own tenant, with filters (SPEC §9). For read keys
 * and the default key.
 * <pre>
 * curl -H "X-API-Key: $API_KEY" "http://127.0.0.1:8000/api/v1/search?q=roadmap+Q2&amp;source_type=audio_system"
 * </pre>
 */
public final class SearchService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    private final Searches searches;
    private final ZoneId zone;

    public SearchService(Searches searches, ZoneId zone) {
        this.searches = searches;
        this.zone = zone;
    }

    public void handle(Context ctx) throws IOException {
        Responses.send(ctx, answer(AccessFilter.caller(ctx), Params.of(ctx)));
    }

    /** The search {@code params} ask, in the tenant of {@code access}: hits, or 422 with every wrong parameter. */
    public Reply answer(Access access, Params params) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        SearchRequest request = request(params, errors);
        if (!errors.isEmpty()) {
            return Reply.detail(422, errors);
        }
        return Reply.ok(Searcher.run(searches.forVault(access.tenant().vault()), request, zone));
    }

    private SearchRequest request(Params params, List<FieldError> errors) {
        String q = params.first("q") == null ? "" : params.first("q").strip();
        if (q.length() > 1_000) {
            errors.add(error("q", "String should have at most 1000 characters", "string_too_long"));
        }
        List<String> types = SourceType.parseList(params.all("source_type"),
                unknown -> errors.add(error("source_type", "Input should be " + SourceType.wireNames(), "enum")));
        Long from = TimeParam.millis(params.first("from"), "from", false, zone, errors);
        Long to = TimeParam.millis(params.first("to"), "to", true, zone, errors);
        if (from != null && to != null && from >= to) {
            errors.add(error("to", "Value error, to must be after from", "value_error"));
        }
        String sort = params.first("sort");
        if (sort != null && !sort.equals("relevance") && !sort.equals("time")) {
            errors.add(error("sort", "Input should be 'relevance' or 'time'", "enum"));
        }
        int limit = number(params.first("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = number(params.first("offset"), "offset", 0, 0, MAX_OFFSET, errors);
        return new SearchRequest(q, types, from, to, text(params, "app_name"), text(params, "window_title"),
                text(params, "domain"), text(params, "plugin_id"), text(params, "device_id"), "time".equals(sort),
                limit, offset);
    }

    private static String text(Params params, String name) {
        String value = params.first(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Waits until the tenant's search index holds everything stored so far (after a write a search must see). */
    public void catchUp(Access access) throws IOException {
        searches.catchUp(access.tenant().vault());
    }

    /** A hit's snippet as plain text: the {@code <mark>} tags out, the HTML escapes undone. */
    public static String plainSnippet(String snippet) {
        return Searcher.unescape(snippet.replace("<mark>", "").replace("</mark>", ""));
    }

    private static int number(String value, String name, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(error(name, "Input should be a whole number from " + min + " to " + max, "int_parsing"));
        return fallback;
    }

    private static FieldError error(String name, String msg, String type) {
        return new FieldError(List.of("query", name), msg, type);
    }
}
