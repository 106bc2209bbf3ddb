package dev.openclone.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.Numbers;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexReader;
import dev.openclone.query.EntryLines;
import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code read_entry}: the whole entry behind a search hit or a timeline event, as the vault file holds it now,
 * found by the event's id or by file and line. An entry runs from its heading to the next entry the index knows in
 * that file (or the file's end), so lines a person added below an entry are read with it.
 */
final class ReadEntryTool implements MemoryTool {

    /** The most characters of an entry in one answer; a longer one is read in parts with {@code offset}. */
    static final int PART_CHARS = 32 * 1024;

    private static final Schema SCHEMA = new Schema()
            .integer("id", "The event's id, as search and timeline give it", 1, Integer.MAX_VALUE, 1)
            .string("file", "Instead of id: the vault file of the entry, e.g. Screen/2026-12-02.md")
            .integer("line", "With file: the line of the entry's heading (1 = the first line)", 1, Integer.MAX_VALUE,
                    1)
            .integer("offset", "Characters of the entry to skip, to read a long entry in parts", 0,
                    Integer.MAX_VALUE, 0);

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("read_entry").title("Read a whole entry")
                .description("The full entry behind a search hit or timeline event, as it stands in the user's "
                        + "vault, with the event's data. Give id (from search or timeline), or file and line. "
                        + "Example: {\"id\": 4211} or {\"file\": \"Audio/2026-12-02.md\", \"line\": 57}")
                .inputSchema(SCHEMA.toMap()).annotations(Tools.READ_ONLY).build();
    }

    @Override
    public ToolResult call(Access access, Arguments arguments) throws IOException {
        IndexReader index = new IndexReader(access.tenant().vault());
        Optional<String> wrong = check(arguments);
        if (wrong.isPresent()) {
            return ToolResult.error(wrong.get());
        }
        Optional<IndexReader.Row> event;
        String file;
        long line;
        if (arguments.has("id")) {
            event = index.event(Long.parseLong(arguments.text("id")));
            if (event.isEmpty()) {
                return ToolResult.error("id: no event " + arguments.text("id") + " in this memory");
            }
            file = event.get().file();
            line = event.get().line();
            if (line == 0) {
                return ToolResult.error("id: event " + arguments.text("id") + " was stored before entries had "
                        + "lines; read it with file " + file + " and the line search gives");
            }
        } else {
            file = arguments.text("file").strip();
            line = Long.parseLong(arguments.text("line"));
            event = index.eventAt(file, line);
        }
        Optional<String> entry;
        try {
            entry = EntryLines.at(access.tenant().vault(), file, line);
        } catch (NoSuchFileException e) {
            return ToolResult.error("file: " + file + " is not in the vault (it may have been deleted)");
        } catch (IllegalArgumentException e) {
            return ToolResult.error("file: " + file + " is not a file inside the vault");
        } catch (IOException e) {
            // A link planted in the vault, a folder, a file the server may not read: said without server paths.
            return ToolResult.error("file: " + file + " cannot be read as a vault file (a symbolic link, a folder, "
                    + "or not readable)");
        }
        if (entry.isEmpty()) {
            return ToolResult.error("line: " + file + " has no line " + line);
        }
        return answer(entry.get(), file, line, event, Tools.number(arguments.text("offset"), 0));
    }

    private static Optional<String> check(Arguments arguments) {
        for (String name : new String[] {"id", "line", "offset"}) {
            if (arguments.has(name) && !arguments.text(name).strip().matches("\\d{1,18}")) {
                return Optional.of(name + ": Input should be a whole number");
            }
        }
        if (arguments.has("id") == arguments.has("file")) {
            return Optional.of("Give id (from search or timeline), or file and line — one of the two");
        }
        if (arguments.has("file") && !arguments.has("line")) {
            return Optional.of("line: Field required with file");
        }
        if (arguments.has("file")) {
            String file = arguments.text("file").strip();
            // Entries live in the vault's Markdown files; its own folder (.openclone: index, search) is not memory.
            if (!file.endsWith(".md") || file.startsWith("/") || file.startsWith(".") || file.contains("/.")
                    || file.contains("\\")) {
                return Optional.of("file: " + file + " is not a Markdown file of the vault (a path such as "
                        + "Screen/2026-12-02.md)");
            }
        }
        return Optional.empty();
    }

    private static ToolResult answer(String entry, String file, long line, Optional<IndexReader.Row> event,
            int offset) throws IOException {
        int start = Math.min(offset, entry.length());
        int end = Math.min(entry.length(), start + PART_CHARS);
        String part = entry.substring(start, end);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("file", file);
        structured.put("line", line);
        structured.put("text", part);
        structured.put("offset", start);
        structured.put("length", entry.length());
        if (end < entry.length()) {
            structured.put("next_offset", end);
        }
        StringBuilder label = new StringBuilder(file + ":" + line);
        if (event.isPresent()) {
            IndexReader.Row row = event.get();
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("id", row.id());
            stored.put("source_type", row.sourceType());
            stored.put("timestamp", new BigDecimal(Numbers.plain(row.capturedAt())));
            stored.put("plugin_id", row.pluginId());
            stored.put("device_id", row.deviceId());
            stored.put("data", Responses.JSON.readValue(row.data(), JsonNode.class));
            structured.put("event", stored);
            label.append(" · id ").append(row.id()).append(" · ").append(row.sourceType());
        }
        if (start > 0 || end < entry.length()) {
            label.append(" · characters ").append(start).append('–').append(end).append(" of ").append(entry.length());
        }
        StringBuilder text = new StringBuilder(DataText.NOTICE).append("\n\n")
                .append(DataText.fenced(label.toString(), part));
        if (end < entry.length()) {
            text.append("\nThe entry goes on: call read_entry again with offset=").append(end).append('.');
        }
        return ToolResult.ok(text.toString().strip(), structured);
    }
}
