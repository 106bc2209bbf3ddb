package dev.openclone.privacy;

import dev.openclone.event.SourceType;
import dev.openclone.http.Responses;
import dev.openclone.sdk.TextPattern;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/v1/policy}: what the key's own tenant never stores — its exclusions and the sources it turned
 * off — so a capture agent can leave those out before it captures anything (SPEC §11). Any valid key may ask;
 * it learns only its own tenant's rules, never another's.
 * <pre>
 * curl -H "X-API-Key: $API_KEY" http://127.0.0.1:8000/api/v1/policy
 * </pre>
 */
public final class PolicyService {

    private final Function<String, TenantPolicy> policies;

    public PolicyService(Function<String, TenantPolicy> policies) {
        this.policies = policies;
    }

    public void handle(Context ctx) {
        Responses.json(ctx, 200, answer(AccessFilter.caller(ctx)));
    }

    Map<String, Object> answer(Access access) {
        TenantPolicy policy = policies.apply(access.tenant().name());
        Map<String, Object> exclusions = new LinkedHashMap<>();
        exclusions.put("apps", sources(policy.exclusions().apps()));
        exclusions.put("window_titles", sources(policy.exclusions().windowTitles()));
        exclusions.put("domains", sources(policy.exclusions().domains()));
        exclusions.put("urls", sources(policy.exclusions().urls()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", access.tenant().name());
        answer.put("redaction", policy.redaction());
        answer.put("exclusions", exclusions);
        answer.put("disabled_sources", policy.disabledSources().stream().map(SourceType::wireName).sorted().toList());
        return answer;
    }

    private static List<String> sources(List<TextPattern> patterns) {
        return patterns.stream().map(TextPattern::source).toList();
    }
}
