package dev.openclone.search;

import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Responses;
import dev.openclone.tenant.AccessFilter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 10_000;

    private final Searches searches;
    private final ZoneId zone;

    public SearchService(Searches searches, ZoneId zone) {
        this.searches = searches;
        this.zone = zone;
    }

    public void handle(Context ctx) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        SearchRequest request = request(ctx, errors);
        if (!errors.isEmpty()) {
            Responses.detail(ctx, 422, errors);
            return;
        }
        SearchIndex index = searches.forVault(AccessFilter.caller(ctx).tenant().vault());
        Responses.json(ctx, 200, Searcher.run(index, request, zone));
    }

    private SearchRequest request(Context ctx, List<FieldError> errors) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        if (q.length() > 1_000) {
            errors.add(error("q", "String should have at most 1000 characters", "string_too_long"));
        }
        List<String> types = new ArrayList<>();
        for (String type : ctx.queryParams("source_type")) {
            for (String one : type.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                if (SourceType.fromWire(one.strip()).isEmpty()) {
                    errors.add(error("source_type", "Input should be " + SourceType.wireNames(), "enum"));
                } else {
                    types.add(one.strip());
                }
            }
        }
        Long from = time(ctx.queryParam("from"), "from", false, errors);
        Long to = time(ctx.queryParam("to"), "to", true, errors);
        if (from != null && to != null && from >= to) {
            errors.add(error("to", "Value error, to must be after from", "value_error"));
        }
        String sort = ctx.queryParam("sort");
        if (sort != null && !sort.equals("relevance") && !sort.equals("time")) {
            errors.add(error("sort", "Input should be 'relevance' or 'time'", "enum"));
        }
        int limit = number(ctx.queryParam("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = number(ctx.queryParam("offset"), "offset", 0, 0, MAX_OFFSET, errors);
        return new SearchRequest(q, types, from, to, text(ctx, "app_name"), text(ctx, "window_title"),
                text(ctx, "domain"), text(ctx, "plugin_id"), text(ctx, "device_id"), "time".equals(sort), limit,
                offset);
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Epoch milliseconds of a bound: epoch seconds, an ISO-8601 date-time (with an offset, or local in the vault's
     * zone), or a date; a date as {@code to} includes that whole day.
     */
    private Long time(String value, String name, boolean end, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Math.round(Double.parseDouble(text) * 1000);
        } catch (NumberFormatException notSeconds) {
            // an ISO form below
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // a local form below
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // a date below
        }
        try {
            LocalDate day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDate) {
            errors.add(error(name, "Input should be a date (2024-02-18), a date-time (2024-02-18T12:20:00+01:00) "
                    + "or seconds since the epoch", "datetime_parsing"));
            return null;
        }
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
