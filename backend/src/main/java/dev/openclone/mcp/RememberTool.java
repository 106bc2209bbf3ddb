package dev.openclone.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Platform;
import dev.openclone.event.SourceType;
import dev.openclone.http.Reply;
import dev.openclone.http.Responses;
import dev.openclone.ingest.IngestService;
import dev.openclone.search.SearchService;
import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code remember}: an agent writes to the memory. The entry goes the way every event goes — validation, the
 * tenant's source switches and redaction, dedup, the vault and the index — as a batch from the plugin
 * {@value #PLUGIN_ID}; nothing here writes a file itself.
 */
final class RememberTool implements MemoryTool {

    static final String PLUGIN_ID = "openclone-mcp";
    static final String DEVICE_ID = "mcp";
    static final List<String> SOURCE_TYPES = List.of("braindump", "journal", "notes");

    private static final Schema SCHEMA = new Schema()
            .string("text", "What to remember, in plain words (Markdown is kept as text)")
            .choice("source_type", "Where it goes: notes (default when a title or tags are given), braindump "
                    + "(default otherwise: a quick thought) or journal", SOURCE_TYPES)
            .string("title", "A title (notes only)")
            .strings("tags", "Tags, e.g. [\"project-x\", \"idea\"] (notes only)")
            .required("text");

    private final IngestService ingest;
    private final SearchService search;
    private final String version;
    private final Clock clock;

    RememberTool(IngestService ingest, SearchService search, String version, Clock clock) {
        this.ingest = ingest;
        this.search = search;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("remember").title("Write to the memory")
                .description("Adds an entry to the user's memory vault: a thought, a decision, a summary worth "
                        + "keeping. It is stored like anything captured (secrets are redacted, an identical entry "
                        + "is not written twice) and can be found with search right after. Example: {\"text\": "
                        + "\"Decided to ship the beta on Friday\", \"title\": \"Beta date\", \"tags\": "
                        + "[\"project-x\"]}")
                .inputSchema(SCHEMA.toMap())
                .annotations(new McpSchema.ToolAnnotations(null, false, false, false, false, null)).build();
    }

    /** The source type the entry would be written as, or empty when the one asked is not one of ours. */
    private static Optional<SourceType> type(Arguments arguments) {
        if (!arguments.has("source_type")) {
            boolean note = arguments.has("title") || arguments.has("tags");
            return Optional.of(note ? SourceType.NOTES : SourceType.BRAINDUMP);
        }
        String asked = arguments.text("source_type").strip();
        return SOURCE_TYPES.contains(asked) ? SourceType.fromWire(asked) : Optional.empty();
    }

    @Override
    public boolean reads() {
        return false;
    }

    @Override
    public Optional<String> refusal(Access access, Arguments arguments) {
        return type(arguments).filter(type -> !access.mayWrite(type)).map(type -> "This key may not write source "
                + "type '" + type.wireName() + "'; it may write: " + String.join(", ", access.sourceTypes().stream()
                        .map(SourceType::wireName).sorted().toList()));
    }

    @Override
    public ToolResult call(Access access, Arguments arguments) throws InterruptedException, IOException {
        Optional<SourceType> type = type(arguments);
        if (type.isEmpty()) {
            return ToolResult.error("source_type: Input should be " + String.join(", ", SOURCE_TYPES));
        }
        Object text = arguments.raw("text");
        if (!(text instanceof String written) || written.isBlank()) {
            return ToolResult.error("text: Field required: the words to remember");
        }
        Object title = arguments.raw("title");
        Object tags = arguments.raw("tags");
        if (type.get() != SourceType.NOTES && (title != null || tags != null)) {
            return ToolResult.error("title and tags are kept with source_type notes only; leave source_type out or "
                    + "set it to notes");
        }
        if (title != null && !(title instanceof String)) {
            return ToolResult.error("title: Input should be a string");
        }
        List<String> tagList = new ArrayList<>();
        if (tags instanceof String one) {
            tagList.add(one);
        } else if (tags instanceof List<?> many && many.stream().allMatch(String.class::isInstance)) {
            many.forEach(tag -> tagList.add((String) tag));
        } else if (tags != null) {
            return ToolResult.error("tags: Input should be a list of strings");
        }
        Reply reply = ingest.ingest(access, batch(type.get(), written, (String) title, tagList));
        if (!reply.isOk()) {
            return Tools.failed(reply);
        }
        // An agent that remembers, then searches, finds what it wrote: the search index takes it in first.
        search.catchUp(access);
        Map<?, ?> answer = (Map<?, ?>) reply.body();
        int stored = ((Number) answer.get("stored")).intValue();
        int redacted = ((Number) answer.get("redacted")).intValue();
        String said = stored == 1 ? "Remembered in " + answer.get("file") + "."
                : "Not written: the same entry is already in the memory, or this vault's policy excludes it.";
        if (redacted > 0) {
            said += " " + redacted + (redacted == 1 ? " secret was" : " secrets were") + " redacted.";
        }
        return ToolResult.ok(said, answer);
    }

    private byte[] batch(SourceType type, String text, String title, List<String> tags) {
        BigDecimal now = BigDecimal.valueOf(clock.millis()).movePointLeft(3);
        ObjectNode batch = Responses.JSON.createObjectNode();
        batch.put("source_type", type.wireName());
        batch.put("platform", platform().wireName());
        batch.put("device_id", DEVICE_ID);
        batch.put("plugin_id", PLUGIN_ID);
        batch.put("plugin_version", version);
        batch.put("timestamp", now);
        ObjectNode event = batch.putArray("events").addObject();
        event.put("timestamp", now);
        ObjectNode data = event.putObject("data");
        data.put("text", text);
        if (title != null && !title.isBlank()) {
            data.put("title", title);
        }
        if (!tags.isEmpty()) {
            ArrayNode list = data.putArray("tags");
            tags.forEach(list::add);
        }
        try {
            return Responses.JSON.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The platform the server runs on: where an agent's entry was written. */
    private static Platform platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? Platform.MACOS : os.contains("win") ? Platform.WINDOWS : Platform.LINUX;
    }
}
