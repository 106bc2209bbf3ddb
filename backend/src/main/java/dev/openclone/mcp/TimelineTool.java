package dev.openclone.mcp;

import dev.openclone.event.EventText;
import dev.openclone.http.Reply;
import dev.openclone.query.DayFiles;
import dev.openclone.query.TimelineService;
import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code timeline}: a day, or a time range, across sources, oldest first, in pages a model can read. */
final class TimelineTool implements MemoryTool {

    static final int DEFAULT_LIMIT = 50;
    /** About this much captured data per page: a page stays readable in a model's context. */
    static final long PAGE_DATA_CHARS = 48 * 1024;

    private static final Schema SCHEMA = new Schema()
            .string("date", "The day, YYYY-MM-DD; today (in the vault's time zone) when neither date nor from/to is "
                    + "given")
            .dateTime("from", "Start of a time range instead of a day (default: a day before to)")
            .dateTime("to", "End of the range, excluded (default: now); at most " + DayFiles.MAX_RANGE_DAYS
                    + " days after from")
            .choice("source_type", "Only this source", SearchTool.SOURCE_TYPES)
            .integer("limit", "Events per page (a page also ends at about 48 KiB of text)", 1,
                    TimelineService.MAX_LIMIT, DEFAULT_LIMIT)
            .integer("offset", "Events to skip: the next_offset the page before gave", 0, Integer.MAX_VALUE, 0);

    private final TimelineService timeline;

    TimelineTool(TimelineService timeline) {
        this.timeline = timeline;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("timeline").title("What happened, in order")
                .description("The user's day (or a time range) across every source, oldest first: time, source, "
                        + "app or title, and what was captured. Long days come in pages: when the answer says more, "
                        + "call again with the offset it gives. Example: {\"date\": \"2026-12-01\", "
                        + "\"source_type\": \"screen_ocr\"} or {\"from\": \"2026-12-02T09:00\", \"to\": "
                        + "\"2026-12-02T12:00\"}")
                .inputSchema(SCHEMA.toMap()).annotations(Tools.READ_ONLY).build();
    }

    @Override
    public ToolResult call(Access access, Arguments arguments) throws IOException {
        Reply reply = timeline.page(access, arguments.params(Map.of("limit", Integer.toString(DEFAULT_LIMIT))),
                PAGE_DATA_CHARS);
        if (!reply.isOk()) {
            return Tools.failed(reply);
        }
        Map<?, ?> answer = (Map<?, ?>) reply.body();
        List<?> events = (List<?>) answer.get("events");
        String span = answer.containsKey("date") ? String.valueOf(answer.get("date"))
                : answer.get("from") + " to " + answer.get("to");
        int offset = Tools.number(arguments.text("offset"), 0);
        StringBuilder text = new StringBuilder();
        if (events.isEmpty()) {
            text.append(offset > 0 ? "No more events for " : "Nothing captured for ").append(span).append(" (")
                    .append(answer.get("timezone")).append(").");
            return ToolResult.ok(text.toString(), answer);
        }
        text.append("Events ").append(offset + 1).append('–').append(offset + events.size()).append(" for ")
                .append(span).append(" (").append(answer.get("timezone")).append("), oldest first.\n")
                .append(DataText.NOTICE).append("\n\n");
        for (Object each : events) {
            Map<?, ?> event = (Map<?, ?>) each;
            Map<?, ?> data = event.get("data") instanceof Map<?, ?> d ? d : Map.of();
            StringBuilder label = new StringBuilder().append(event.get("time")).append(" · ")
                    .append(event.get("source_type"));
            String name = EventText.label(data);
            if (!name.isEmpty()) {
                label.append(" · ").append(DataText.inline(name));
            }
            label.append(" · id ").append(event.get("id"));
            text.append(DataText.fenced(label.toString(), EventText.body(data))).append('\n');
        }
        if (Boolean.TRUE.equals(answer.get("truncated"))) {
            text.append("More events: call timeline again with offset=").append(answer.get("next_offset"))
                    .append('.');
        }
        return ToolResult.ok(text.toString().strip(), answer);
    }
}
