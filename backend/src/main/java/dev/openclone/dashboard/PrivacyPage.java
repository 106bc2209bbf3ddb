package dev.openclone.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.forget.ForgetService;
import dev.openclone.http.Reply;
import dev.openclone.privacy.Redactor;
import dev.openclone.privacy.Retention;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.TextPattern;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /privacy}: the tenant's privacy settings as they are in force (read-only: they live in
 * {@code OPENCLONE_CONFIG}), and forgetting — a time range, a source, the results of a search — in two steps: a
 * preview of what would go, then a confirmation (a form with the session's CSRF token). Forgetting is the owner's
 * key's, as on the API.
 */
final class PrivacyPage {

    /** The forget form's fields, named as {@code POST /api/v1/forget} names them. */
    static final List<String> FIELDS = List.of("from", "to", "query", "source_type", "app", "domain");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, TenantPolicy> policies;
    private final ForgetService forget;
    private final Pages pages;

    PrivacyPage(Function<String, TenantPolicy> policies, ForgetService forget, Pages pages) {
        this.policies = policies;
        this.forget = forget;
        this.pages = pages;
    }

    /** A named list of patterns or values ({@code Apps excluded: Signal, 1Password}). */
    public record Rule(String name, List<String> values) {
    }

    /** One event a forget would take, as the preview lists it. */
    public record Listed(long id, String when, String source, String label, String file) {
    }

    /**
     * What a forget would take (the preview) or took (the result).
     *
     * @param events how many events it matches (or matched)
     * @param more   whether the preview lists only the first of them
     */
    public record Forget(boolean done, long events, List<Listed> listed, boolean more, long kept) {
    }

    /**
     * The model of {@code privacy.jte}.
     *
     * @param owner  whether this session may forget (the owner's key)
     * @param form   the forget form's values, by field
     * @param errors what is wrong with them
     */
    public record View(Frame frame, boolean redaction, List<String> redacted, List<Rule> exclusions,
            List<String> disabled, List<Rule> retention, boolean owner, Map<String, String> form,
            List<SourceChoice> sources, List<String> errors, Forget forget) {
    }

    void show(Context ctx, Session session) throws Exception {
        Map<String, String> form = form(name -> ctx.queryParam(name));
        if (ctx.queryParam("preview") == null || !session.owner()) {
            pages.render(ctx, 200, "privacy.jte", view(session, form, List.of(), null));
            return;
        }
        answer(ctx, session, form, true);
    }

    void forget(Context ctx, Session session) throws Exception {
        Map<String, String> form = form(ctx::formParam);
        if (!session.owner()) {
            pages.problem(ctx, 403, "Forgetting needs the owner's key", "Sign in with the owner's key (API_KEY in "
                    + "backend/.env) to forget.");
            return;
        }
        answer(ctx, session, form, false);
    }

    private void answer(Context ctx, Session session, Map<String, String> form, boolean dryRun) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        form.forEach((name, value) -> {
            if (!value.isEmpty()) {
                body.put(name, value);
            }
        });
        body.put("tenant", session.access().tenant().name());
        body.put("dry_run", dryRun);
        Reply reply = forget.answer(body);
        if (!reply.isOk()) {
            pages.render(ctx, reply.status() >= 500 ? reply.status() : 422, "privacy.jte",
                    view(session, form, Pages.errors(reply), null));
            return;
        }
        Map<?, ?> answer = JSON.convertValue(reply.body(), Map.class);
        List<Listed> listed = new ArrayList<>();
        if (answer.get("entries") instanceof List<?> entries) {
            for (Object each : entries) {
                Map<?, ?> entry = (Map<?, ?>) each;
                listed.add(new Listed(((Number) entry.get("id")).longValue(),
                        EntryItem.shortTime(String.valueOf(entry.get("captured_at"))),
                        EntryItem.sourceName(String.valueOf(entry.get("source_type"))),
                        String.valueOf(entry.get("label")), String.valueOf(entry.get("file"))));
            }
        }
        long events = ((Number) (dryRun ? answer.get("events") : answer.get("forgotten"))).longValue();
        long kept = answer.get("kept") instanceof Number n ? n.longValue() : 0;
        pages.render(ctx, 200, "privacy.jte", view(session, dryRun ? form : form(name -> null), List.of(),
                new Forget(!dryRun, events, listed, Boolean.TRUE.equals(answer.get("more")), kept)));
    }

    private View view(Session session, Map<String, String> form, List<String> errors, Forget result) {
        TenantPolicy policy = policies.apply(session.access().tenant().name());
        List<Rule> exclusions = new ArrayList<>();
        exclusions.add(new Rule("Marked private or incognito", List.of("always excluded")));
        exclusions.add(new Rule("Apps", sources(policy.exclusions().apps())));
        exclusions.add(new Rule("Window titles", sources(policy.exclusions().windowTitles())));
        exclusions.add(new Rule("Domains (and their subdomains)", sources(policy.exclusions().domains())));
        exclusions.add(new Rule("URLs", sources(policy.exclusions().urls())));
        List<Rule> retention = new ArrayList<>();
        Retention keep = policy.retention();
        retention.add(new Rule("Every source", List.of(keep.days() == null ? "kept until forgotten"
                : "kept " + keep.days() + " days")));
        keep.sourceDays().forEach((type, days) -> retention.add(new Rule(type.folder() + " (" + type.wireName()
                + ")", List.of("kept " + days + " days"))));
        retention.add(new Rule("Size of the daily files", List.of(keep.maxBytes() == null ? "no cap"
                : "at most " + keep.maxBytes() / (1024 * 1024) + " MB; the oldest events go first")));
        String chosen = form.getOrDefault("source_type", "");
        return new View(Frame.of(session, "Privacy", "/privacy"), policy.redaction(),
                Redactor.RULES.stream().map(r -> r.kind()).distinct().toList(), exclusions,
                policy.disabledSources().stream().map(t -> t.folder() + " (" + t.wireName() + ")").sorted().toList(),
                retention, session.owner(), form, SourceChoice.all(chosen), errors, result);
    }

    private static List<String> sources(List<TextPattern> patterns) {
        return patterns.stream().map(TextPattern::source).toList();
    }

    private static Map<String, String> form(Function<String, String> values) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = values.apply(field);
            form.put(field, value == null ? "" : value.strip());
        }
        return form;
    }

}
