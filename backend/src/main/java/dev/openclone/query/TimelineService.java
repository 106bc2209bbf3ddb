package dev.openclone.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.event.Numbers;
import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.Reply;
import dev.openclone.http.TimeParam;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexReader;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import dev.openclone.vault.DailyNote;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/timeline?date=YYYY-MM-DD[&source_type=…][&limit=…][&offset=…]}: one day across sources, from
 * the key's own tenant only, for keys allowed to read (SPEC §6, §9). A day is what its daily files hold, as in the
 * vault; {@code from}/{@code to} ask for a time range instead; a long answer comes in pages ({@code next_offset}).
 * <pre>
 * curl -H "X-API-Key: $API_KEY" "http://127.0.0.1:8000/api/v1/timeline?date=2024-02-18"
 * </pre>
 */
public final class TimelineService {

    static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 10_000;
    /** About this much captured data (characters of stored JSON) per page at most; a single larger event still fits. */
    static final long MAX_PAGE_DATA_CHARS = 8L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;
    private final DayFiles days;
    private final Clock clock;

    public TimelineService(ZoneId zone, ConversationConfig conversation, Clock clock) {
        this.zone = zone;
        this.days = new DayFiles(zone, conversation);
        this.clock = clock;
    }

    public void handle(Context ctx) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        TimelineQuery query = query(Params.of(ctx), errors);
        if (!errors.isEmpty()) {
            Responses.detail(ctx, 422, errors);
            return;
        }
        ctx.status(200).contentType("application/json");
        try (JsonGenerator json = JSON.getFactory().createGenerator(ctx.res().getOutputStream())) {
            write(json, AccessFilter.caller(ctx), query, MAX_PAGE_DATA_CHARS);
        }
    }

    /**
     * One page of what {@code params} ask, built in memory: for callers that want a small page
     * ({@code maxDataChars}) as a value, not a stream (the MCP {@code timeline} tool).
     */
    public Reply page(Access access, Params params, long maxDataChars) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        TimelineQuery query = query(params, errors);
        if (!errors.isEmpty()) {
            return Reply.detail(422, errors);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            write(json, access, query, maxDataChars);
        }
        return Reply.ok(JSON.readValue(out.toByteArray(), Map.class));
    }

    /**
     * What a timeline asks: a day ({@code date}, today by default) as the vault's daily files hold it, or, when
     * {@code from} or {@code to} is given, the events captured in that range.
     */
    record TimelineQuery(LocalDate date, Long fromMillis, Long toMillis, Optional<SourceType> type, int limit,
            int offset) {

        boolean isRange() {
            return date == null;
        }
    }

    private TimelineQuery query(Params params, List<FieldError> errors) {
        Optional<LocalDate> date = date(params.first("date"), errors);
        Long from = TimeParam.millis(params.first("from"), "from", false, zone, errors);
        Long to = TimeParam.millis(params.first("to"), "to", true, zone, errors);
        boolean range = from != null || to != null;
        if (range) {
            // A range open at one end: up to now, or the day before its end.
            to = to != null ? to : clock.millis() + 1;
            from = from != null ? from : to - Duration.ofDays(1).toMillis();
            if (from >= to) {
                errors.add(new FieldError(List.of("query", "to"), "Value error, to must be after from",
                        "value_error"));
            } else if (to - from > Duration.ofDays(DayFiles.MAX_RANGE_DAYS).toMillis()) {
                errors.add(new FieldError(List.of("query", "to"), "Value error, a range spans at most "
                        + DayFiles.MAX_RANGE_DAYS + " days; ask for a shorter one", "value_error"));
            }
            if (params.first("date") != null && !params.first("date").isEmpty()) {
                errors.add(new FieldError(List.of("query", "date"), "Value error, give a date or a from/to range, "
                        + "not both", "value_error"));
            }
        }
        Optional<SourceType> type = Optional.empty();
        String typeParam = params.first("source_type");
        if (typeParam != null && !typeParam.isEmpty()) {
            type = SourceType.fromWire(typeParam.strip());
            if (type.isEmpty()) {
                errors.add(new FieldError(List.of("query", "source_type"), "Input should be "
                        + SourceType.wireNames(), "enum"));
            }
        }
        int limit = limit(params.first("limit"), errors);
        int offset = offset(params.first("offset"), errors);
        return new TimelineQuery(range ? null : date.orElse(null), from, to, type, limit, offset);
    }

    /**
     * Writes the events the query asks of the access's tenant, oldest first, as they are read: at most
     * {@code limit} events and about {@code maxDataChars} of their data, so a day of huge entries is paged, not
     * loaded. A cut page says {@code "truncated": true} and the {@code next_offset} to ask for next.
     */
    void write(JsonGenerator json, Access access, TimelineQuery query, long maxDataChars) throws IOException {
        IndexReader index = new IndexReader(access.tenant().vault());
        String type = query.type().map(SourceType::wireName).orElse(null);
        json.writeStartObject();
        if (query.isRange()) {
            json.writeStringField("from", iso(query.fromMillis()));
            json.writeStringField("to", iso(query.toMillis()));
        } else {
            json.writeStringField("date", query.date().toString());
        }
        json.writeStringField("timezone", zone.getId());
        json.writeArrayFieldStart("events");
        int[] written = {0};
        long[] dataChars = {0};
        boolean[] truncated = {false};
        IndexReader.RowVisitor page = row -> {
            boolean full = written[0] > 0 && dataChars[0] + row.data().length() > maxDataChars;
            if (written[0] == query.limit() || full) {
                truncated[0] = true;
                return false;
            }
            event(json, row);
            written[0]++;
            dataChars[0] += row.data().length();
            return true;
        };
        if (query.isRange()) {
            index.eachEventBetween(days.between(query.fromMillis(), query.toMillis(), query.type()),
                    query.fromMillis(), query.toMillis(), type, query.offset(), page);
        } else {
            index.eachEventInFiles(days.of(query.date(), query.type()), type, query.offset(), page);
        }
        json.writeEndArray();
        json.writeBooleanField("truncated", truncated[0]);
        if (truncated[0]) {
            json.writeNumberField("next_offset", query.offset() + written[0]);
        }
        json.writeEndObject();
    }

    private String iso(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toOffsetDateTime().toString();
    }

    private void event(JsonGenerator json, IndexReader.StoredEvent row) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", row.id());
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
    private Optional<LocalDate> date(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return Optional.of(LocalDate.now(clock.withZone(zone)));
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
