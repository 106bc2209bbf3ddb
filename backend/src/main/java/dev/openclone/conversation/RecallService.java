package dev.openclone.conversation;

import dev.openclone.event.SourceType;
import dev.openclone.http.Params;
import dev.openclone.http.Reply;
import dev.openclone.http.Responses;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import dev.openclone.vault.VaultFiles;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/recall?session_key=…[&max_turns=…]}: the latest captured turns of one sessionKey, from the
 * key's own tenant, as {@code {"text": …, "turns": […], "malformed": n}} where {@code text} is exactly what the
 * seed's {@code universal_recall} tool returns. For keys that may read, or that may write conversations (the
 * OpenClaw plugin's key).
 * <pre>
 * curl -H "X-API-Key: $API_KEY" "http://127.0.0.1:8000/api/v1/recall?session_key=agent:home:discord:channel:1"
 * </pre>
 */
public final class RecallService {

    private static final Set<String> PARAMETERS = Set.of("session_key", "max_turns");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final ConversationConfig config;

    public RecallService(ConversationConfig config) {
        this.config = config;
    }

    public void handle(Context ctx) throws IOException {
        Responses.send(ctx, answer(AccessFilter.caller(ctx), Params.of(ctx)));
    }

    /** The recall {@code params} ask, of the tenant of {@code access}, or the seed tool's error for them. */
    public Reply answer(Access access, Params params) throws IOException {
        if (!access.canRead() && !access.mayWrite(SourceType.CONVERSATION)) {
            return Reply.detail(403, "This key may neither read nor write conversations");
        }
        if (!config.recallEnabled()) {
            return Reply.detail(404, "Recall is off: set conversation.recallTurns above 0 in OPENCLONE_CONFIG");
        }
        List<String> unknown = params.names().stream().filter(p -> !PARAMETERS.contains(p)).sorted().toList();
        if (!unknown.isEmpty()) {
            return Reply.detail(422, "universal_recall has unknown parameter(s): " + String.join(", ", unknown)
                    + ".");
        }
        String sessionKey = params.first("session_key");
        if (sessionKey == null || sessionKey.isEmpty()) {
            return Reply.detail(422, "universal_recall is unavailable because sessionKey is unavailable.");
        }
        Optional<Integer> maxTurns = maxTurns(params.first("max_turns"));
        if (maxTurns.isEmpty()) {
            return Reply.detail(422, "universal_recall maxTurns must be a non-negative integer.");
        }
        return Reply.ok(recall(access, sessionKey, maxTurns.get()));
    }

    /** The answer for a sessionKey and a validated {@code max_turns} (0 = the configured window). */
    Map<String, Object> recall(Access access, String sessionKey, int maxTurns) throws IOException {
        int turns = maxTurns == 0 ? config.recallTurns() : Math.min(maxTurns, config.recallTurns());
        RecallFile.Contents contents = RecallFile.read(new VaultFiles(access.tenant().vault()),
                RecallFile.path(config.recallFolder(), sessionKey));
        List<RecallEntry> all = contents.entries();
        List<RecallEntry> shown = turns > 0 ? all.subList(Math.max(0, all.size() - turns), all.size()) : List.of();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("text", RecallView.render(shown, contents.malformed(), config.recallMaxBytes()));
        answer.put("turns", shown.stream().map(RecallEntry::toMap).toList());
        answer.put("malformed", contents.malformed());
        return answer;
    }

    /** Absent → 0; otherwise digits only (a whole number ≥ 0), capped at the largest int. */
    static Optional<Integer> maxTurns(String value) {
        if (value == null) {
            return Optional.of(0);
        }
        if (!DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        String digits = value.replaceFirst("^0+(?=\\d)", "");
        return Optional.of(digits.length() > 10 ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(digits)));
    }
}
