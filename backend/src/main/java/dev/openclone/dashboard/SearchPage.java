package dev.openclone.dashboard;

import dev.openclone.http.Params;
import dev.openclone.http.Reply;
import dev.openclone.search.SearchService;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /search}: the search endpoint with its filters, as a form; each hit with its snippet (the matched
 * words marked), where it is in the vault, a link that opens the file in Obsidian and one to the entry view.
 */
final class SearchPage {

    static final int PAGE = 20;
    /** The search parameters the form offers; any other in the address is ignored. */
    static final List<String> FIELDS = List.of("q", "source_type", "from", "to", "app_name", "domain", "sort");

    private final SearchService search;
    private final Pages pages;

    SearchPage(SearchService search, Pages pages) {
        this.search = search;
        this.pages = pages;
    }

    /** One hit as the page shows it. */
    public record Hit(long id, String title, String source, String when, Snippet snippet, String file, long line,
            String obsidianUri) {
    }

    /**
     * The model of {@code search.jte}.
     *
     * @param asked  whether a search was asked (words or a filter), rather than the empty form
     * @param errors what is wrong with the form's values, one message each
     * @param next   the address of the next page of hits; null when there is none
     */
    public record View(Frame frame, Map<String, String> form, List<SourceChoice> sources, boolean asked,
            List<String> errors, long total, List<Hit> hits, String next, String previous) {
    }

    void show(Context ctx, Session session) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = ctx.queryParam(field);
            form.put(field, value == null ? "" : value.strip());
        }
        int offset = offset(ctx.queryParam("offset"));
        List<SourceChoice> sources = SourceChoice.all(form.get("source_type"));
        boolean asked = form.values().stream().anyMatch(v -> !v.isEmpty() && !v.equals("relevance"));
        Frame frame = Frame.of(session, form.get("q").isEmpty() ? "Search" : form.get("q") + " · Search", "/search");
        if (!asked) {
            pages.render(ctx, 200, "search.jte", new View(frame, form, sources, false, List.of(), 0, List.of(),
                    null, null));
            return;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (!value.isEmpty()) {
                params.put(name, List.of(value));
            }
        });
        params.put("limit", List.of(Integer.toString(PAGE)));
        params.put("offset", List.of(Integer.toString(offset)));
        Reply reply = search.answer(session.access(), Params.of(params));
        if (!reply.isOk()) {
            pages.render(ctx, 422, "search.jte", new View(frame, form, sources, true, Pages.errors(reply), 0, List.of(),
                    null, null));
            return;
        }
        Map<?, ?> answer = (Map<?, ?>) reply.body();
        List<Hit> hits = new ArrayList<>();
        for (Object each : (List<?>) answer.get("hits")) {
            Map<?, ?> hit = (Map<?, ?>) each;
            hits.add(new Hit(((Number) hit.get("id")).longValue(), text(hit.get("title")),
                    EntryItem.sourceName(text(hit.get("source_type"))),
                    EntryItem.shortTime(String.valueOf(hit.get("captured_at"))),
                    Snippet.of(text(hit.get("snippet"))), text(hit.get("file")), ((Number) hit.get("line")).longValue(),
                    text(hit.get("obsidian_uri"))));
        }
        String next = Boolean.TRUE.equals(answer.get("more")) && offset + PAGE <= SearchService.MAX_OFFSET
                ? address(form, offset + PAGE) : null;
        String previous = offset > 0 ? address(form, Math.max(0, offset - PAGE)) : null;
        pages.render(ctx, 200, "search.jte", new View(frame, form, sources, true, List.of(),
                ((Number) answer.get("total")).longValue(), hits, next, previous));
    }


    private static String address(Map<String, String> form, int offset) {
        StringBuilder address = new StringBuilder("/search?");
        form.forEach((name, value) -> {
            if (!value.isEmpty()) {
                address.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return address.append("offset=").append(offset).toString();
    }

    private static int offset(String value) {
        try {
            return value == null ? 0 : Math.max(0, Math.min(SearchService.MAX_OFFSET, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
