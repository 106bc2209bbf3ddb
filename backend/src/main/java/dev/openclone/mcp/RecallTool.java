package dev.openclone.mcp;

import dev.openclone.conversation.RecallService;
import dev.openclone.event.SourceType;
import dev.openclone.http.Reply;
import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code recall}: the latest captured turns of one conversation (SPEC §10), as {@code universal_recall} gives them. */
final class RecallTool implements MemoryTool {

    private static final Schema SCHEMA = new Schema()
            .string("session_key", "The conversation's session key, e.g. agent:home:discord:channel:123")
            .integer("max_turns", "At most this many of the latest turns; 0 for the configured number", 0,
                    Integer.MAX_VALUE, 0)
            .required("session_key");

    private final RecallService recall;

    RecallTool(RecallService recall) {
        this.recall = recall;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("recall").title("Recall a conversation")
                .description("The latest captured turns of one AI-agent conversation, by its session key, oldest "
                        + "first: what was said before, to pick up where it left off. Example: {\"session_key\": "
                        + "\"agent:home:discord:channel:123\", \"max_turns\": 5}")
                .inputSchema(SCHEMA.toMap()).annotations(Tools.READ_ONLY).build();
    }

    @Override
    public Optional<String> refusal(Access access, Arguments arguments) {
        // As GET /api/v1/recall: a read key, or the key an agent writes its conversations with.
        return access.canRead() || access.mayWrite(SourceType.CONVERSATION) ? Optional.empty()
                : Optional.of("This key may neither read nor write conversations");
    }

    @Override
    public ToolResult call(Access access, Arguments arguments) throws IOException {
        Reply reply = recall.answer(access, arguments.params());
        if (!reply.isOk()) {
            return Tools.failed(reply);
        }
        Map<?, ?> answer = (Map<?, ?>) reply.body();
        String text = String.valueOf(answer.get("text"));
        return ToolResult.ok(DataText.NOTICE + "\n\n" + DataText.fenced("Conversation "
                + DataText.inline(arguments.text("session_key")), text).strip(), answer);
    }
}
