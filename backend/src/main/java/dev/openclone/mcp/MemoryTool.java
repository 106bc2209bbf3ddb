package dev.openclone.mcp;

import dev.openclone.tenant.Access;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.Optional;

/**
 * One MCP tool over the memory: its definition (name, description, JSON schema of its arguments), what it asks of
 * the caller's key, and the call. A tool only ever reaches the tenant of the {@link Access} it is called with.
 */
interface MemoryTool {

    McpSchema.Tool definition();

    default String name() {
        return definition().name();
    }

    /** Whether the tool reads the memory: a key that may not read is not shown it. */
    default boolean reads() {
        return true;
    }

    /**
     * Why the key may not make this call, checked before it runs and answered {@code 403}: a tool that reads needs
     * a key that may read (the default); one that writes, a key allowed the source type it would write.
     */
    default Optional<String> refusal(Access access, Arguments arguments) {
        return needsRead(access);
    }

    /** The call, with arguments already checked against the names the tool takes. */
    ToolResult call(Access access, Arguments arguments) throws IOException, InterruptedException;

    /** The refusal of a tool that reads. */
    static Optional<String> needsRead(Access access) {
        return access.canRead() ? Optional.empty()
                : Optional.of("This key may not read; create one with: openclone key create --read");
    }
}
