package dev.openclone.mcp;

import dev.openclone.event.SourceType;
import dev.openclone.http.Reply;
import dev.openclone.search.SearchService;
import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code search}: the search endpoint's parameters, same names, same checks; hits with their snippets. */
final class SearchTool implements MemoryTool {

    static final List<String> SOURCE_TYPES = Arrays.stream(SourceType.values()).map(SourceType::wireName).toList();

    private static final Schema SCHEMA = new Schema()
            .string("q", "Words to find. \"quoted phrases\" must match, -word must not, word* matches every word it "
                    + "begins. Leave out to list by the filters only, newest first.")
            .choices("source_type", "Only these sources (one or a list), e.g. screen_ocr, audio_mic, web_browsing, "
                    + "conversation", SOURCE_TYPES)
            .dateTime("from", "Captured at or after")
            .dateTime("to", "Captured before (a date includes that whole day)")
            .string("app_name", "Only events from this app, e.g. Firefox")
            .string("window_title", "Only events whose window title holds these words")
            .string("domain", "Only web pages of this domain, e.g. github.com")
            .string("plugin_id", "Only events sent by this plugin")
            .string("device_id", "Only events from this device")
            .choice("sort", "relevance (default) or time (newest first)", List.of("relevance", "time"))
            .integer("limit", "Hits per page", 1, SearchService.MAX_LIMIT, SearchService.DEFAULT_LIMIT)
            .integer("offset", "Hits to skip: the next page starts at offset + limit", 0, SearchService.MAX_OFFSET, 0);

    private final SearchService search;

    SearchTool(SearchService search) {
        this.search = search;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("search").title("Search the memory")
                .description("Full-text search over everything the user's OpenClone captured (screen text, audio "
                        + "transcripts, web pages, notes, conversations…), ranked, newest first on ties. Each hit "
                        + "has an id: pass it to read_entry for the whole entry. Example: {\"q\": \"roadmap Q2\", "
                        + "\"source_type\": \"audio_mic\", \"from\": \"2026-11-01\"}")
                .inputSchema(SCHEMA.toMap()).annotations(Tools.READ_ONLY).build();
    }

    @Override
    public ToolResult call(Access access, Arguments arguments) throws IOException {
        Reply reply = search.answer(access, arguments.params());
        if (!reply.isOk()) {
            return Tools.failed(reply);
        }
        Map<?, ?> answer = (Map<?, ?>) reply.body();
        List<?> hits = (List<?>) answer.get("hits");
        int offset = Tools.number(arguments.text("offset"), 0);
        StringBuilder text = new StringBuilder();
        long total = ((Number) answer.get("total")).longValue();
        boolean exact = Boolean.TRUE.equals(answer.get("total_is_exact"));
        if (hits.isEmpty()) {
            text.append(offset > 0 ? "No more hits (" + total + " in all)." : "No hits.");
            return ToolResult.ok(text.toString(), answer);
        }
        text.append("Hits ").append(offset + 1).append('–').append(offset + hits.size()).append(" of ")
                .append(exact ? "" : "at least ").append(total).append(".\n").append(DataText.NOTICE).append("\n\n");
        int n = offset;
        for (Object each : hits) {
            Map<?, ?> hit = (Map<?, ?>) each;
            StringBuilder label = new StringBuilder().append('[').append(++n).append("] id ").append(hit.get("id"))
                    .append(" · ").append(hit.get("source_type")).append(" · ").append(hit.get("captured_at"));
            if (hit.get("title") instanceof String title && !title.isBlank()) {
                label.append(" · ").append(DataText.inline(title));
            }
            label.append(" · ").append(hit.get("file")).append(':').append(hit.get("line"));
            text.append(DataText.fenced(label.toString(), SearchService.plainSnippet(String.valueOf(hit.get("snippet")))))
                    .append('\n');
        }
        if (Boolean.TRUE.equals(answer.get("more"))) {
            text.append("More hits: call search again with offset=").append(offset + hits.size()).append('.');
        }
        return ToolResult.ok(text.toString().strip(), answer);
    }
}
