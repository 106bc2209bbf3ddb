package dev.openclone.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationNote;
import dev.openclone.event.Numbers;
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
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/timeline?date=YYYY-MM-DD[&source_type=…][&limit=…][&offset=…]}: one day across sources, from
 * the key's own tenant only, for keys allowed to read (SPEC §6, §9). A day is what its daily files hold, as in the
 * vault; a long day comes in pages ({@code next_offset}).
 * <pre>
 * curl -H "X-API-Key: $API_KEY" "http://127.0.0.1:8000/api/v1/timeline?date=2024-02-18"
 * </pre>
 */
public final class TimelineService {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    /** About this much captured data (characters of stored JSON) per page at most; a single larger event still fits. */
    static final long MAX_PAGE_DATA_CHARS = 8L * 1024 * 1024;
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
        Optional<LocalDate> date = date(ctx.queryParam("date"), zone, errors);
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
        int offset = offset(ctx.queryParam("offset"), errors);
        if (!errors.isEmpty()) {
            Responses.detail(ctx, 422, errors);
            return;
        }
        ctx.status(200).contentType("application/json");
        try (JsonGenerator json = JSON.getFactory().createGenerator(ctx.res().getOutputStream())) {
            day(json, AccessFilter.caller(ctx), date.orElseThrow(), type, limit, offset);
        }
    }

    /**
     * Writes the day's events of the access's tenant, oldest first, as they are read: at most {@code limit}
     * events and about {@link #MAX_PAGE_DATA_CHARS} of their data, so a day of huge entries is paged, not loaded.
     * A cut page says {@code "truncated": true} and the {@code next_offset} to ask for next.
     */
    void day(JsonGenerator json, Access access, LocalDate date, Optional<SourceType> type, int limit, int offset)
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
        json.writeStartObject();
        json.writeStringField("date", date.toString());
        json.writeStringField("timezone", zone.getId());
        json.writeArrayFieldStart("events");
        int[] written = {0};
        long[] dataChars = {0};
        boolean[] truncated = {false};
        new IndexReader(access.tenant().vault()).eachEventInFiles(files, type.map(SourceType::wireName).orElse(null),
                offset, row -> {
                    boolean full = written[0] > 0 && dataChars[0] + row.data().length() > MAX_PAGE_DATA_CHARS;
                    if (written[0] == limit || full) {
                        truncated[0] = true;
                        return false;
                    }
                    event(json, row);
                    written[0]++;
                    dataChars[0] += row.data().length();
                    return true;
                });
        json.writeEndArray();
        json.writeBooleanField("truncated", truncated[0]);
        if (truncated[0]) {
            json.writeNumberField("next_offset", offset + written[0]);
        }
        json.writeEndObject();
    }

    private void event(JsonGenerator json, IndexReader.StoredEvent row) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", DailyNote.instant(row.capturedAt()).atZone(zone).format(HH_MM));
        // A plain number as sent (1708258800.5), never 1.7082588005E9.
        json.writeFieldName("timestamp");
        json.writeNumber(Numbers.plain(row.capturedAt()));
        json.writeStringField("source_type", row.sourceType());
        json.writeStringField("plugin_id", row.pluginId());
        json.writeStringField("device_id", row.deviceId());
        json.writeStringField("file", row.file());
        // The data as stored: JSON this server wrote, copied through without building a tree of it.
        json.writeFieldName("data");
        json.writeRawValue(row.data());
        json.writeEndObject();
    }

    /** The day asked for; today in the vault's zone when none is. */
    private static Optional<LocalDate> date(String value, ZoneId zone, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return Optional.of(LocalDate.now(zone));
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(List.of("query", "date"), "Input should be a valid date in the format "
                    + "YYYY-MM-DD", "date_from_datetime_parsing"));
            return Optional.empty();
        }
    }

    private static int offset(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(List.of("query", "offset"), "Input should be a whole number from 0 (the "
                + "next_offset of the page before)", "int_parsing"));
        return 0;
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
