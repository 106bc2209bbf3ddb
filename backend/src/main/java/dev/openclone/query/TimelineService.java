package dev.openclone.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationNote;
import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexReader;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import dev.openclone.vault.DailyNote;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/timeline?date=YYYY-MM-DD[&source_type=…][&limit=…]}: one day across sources, from the key's
 * own tenant only, for keys allowed to read (SPEC §6, §9). A day is what its daily files hold, as in the vault.
 * <pre>
 * curl -H "X-API-Key: $API_KEY" "http://127.0.0.1:8000/api/v1/timeline?date=2024-02-18"
 * </pre>
 */
public final class TimelineService {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;
    private final ConversationConfig conversation;

    public TimelineService(ZoneId zone, ConversationConfig conversation) {
        this.zone = zone;
        this.conversation = conversation;
    }

    public void handle(Context ctx) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        Optional<LocalDate> date = date(ctx.queryParam("date"), errors);
        Optional<SourceType> type = Optional.empty();
        String typeParam = ctx.queryParam("source_type");
        if (typeParam != null && !typeParam.isEmpty()) {
            type = SourceType.fromWire(typeParam);
            if (type.isEmpty()) {
                errors.add(new FieldError(List.of("query", "source_type"), "Input should be "
                        + SourceType.wireNames(), "enum"));
            }
        }
        int limit = limit(ctx.queryParam("limit"), errors);
        if (!errors.isEmpty()) {
            Responses.detail(ctx, 422, errors);
            return;
        }
        Responses.json(ctx, 200, day(AccessFilter.caller(ctx), date.orElseThrow(), type, limit));
    }

    /** The day's events of the access's tenant, oldest first. */
    Map<String, Object> day(Access access, LocalDate date, Optional<SourceType> type, int limit)
            throws IOException {
        List<String> files = new ArrayList<>();
        for (SourceType each : SourceType.values()) {
            // A conversation day is its conversations-YYYY-MM-DD.md (rollover included), as in the vault.
            String file = each == SourceType.CONVERSATION ? new ConversationNote(conversation.folder(), date).path()
                    : new DailyNote(each.folder(), date).path();
            if (type.map(t -> t == each).orElse(true) && !files.contains(file)) {
                files.add(file);
            }
        }
        List<IndexReader.StoredEvent> rows = new IndexReader(access.tenant().vault())
                .eventsInFiles(files, type.map(SourceType::wireName).orElse(null), limit + 1);
        boolean truncated = rows.size() > limit;
        List<Map<String, Object>> events = new ArrayList<>();
        for (IndexReader.StoredEvent row : rows.subList(0, Math.min(limit, rows.size()))) {
            events.add(event(row));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("date", date.toString());
        answer.put("timezone", zone.getId());
        answer.put("events", events);
        answer.put("truncated", truncated);
        return answer;
    }

    private Map<String, Object> event(IndexReader.StoredEvent row) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("time", DailyNote.instant(row.capturedAt()).atZone(zone).format(HH_MM));
        event.put("timestamp", row.capturedAt());
        event.put("source_type", row.sourceType());
        event.put("plugin_id", row.pluginId());
        event.put("device_id", row.deviceId());
        event.put("file", row.file());
        JsonNode data = JSON.readTree(row.data());
        event.put("data", data);
        return event;
    }

    private static Optional<LocalDate> date(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(List.of("query", "date"), "Field required", "missing"));
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(List.of("query", "date"), "Input should be a valid date in the format "
                    + "YYYY-MM-DD", "date_from_datetime_parsing"));
            return Optional.empty();
        }
    }

    private static int limit(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(List.of("query", "limit"), "Input should be a whole number from 1 to "
                + MAX_LIMIT, "int_parsing"));
        return DEFAULT_LIMIT;
    }
}
