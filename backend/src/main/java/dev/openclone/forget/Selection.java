package dev.openclone.forget;

import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.TimeParam;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to forget: every event that passes all the selectors given (at least one must be). {@code query} takes
 * the search's words; {@code app} and {@code domain} compare without case ({@code www.} aside).
 *
 * @param fromMillis captured at or after, or null
 * @param toMillis   captured before, or null
 */
record Selection(Long fromMillis, Long toMillis, List<String> sourceTypes, String app, String domain,
        String plugin, String device, String query) {

    static final Set<String> SELECTORS = Set.of("from", "to", "source_type", "app", "domain", "plugin", "device",
            "query");

    Selection {
        sourceTypes = List.copyOf(sourceTypes);
    }

    /** The selection {@code params} ask; every wrong one is added to {@code errors}. */
    static Selection parse(Params params, ZoneId zone, List<FieldError> errors) {
        Long from = TimeParam.millis(params.first("from"), "from", false, zone, errors);
        Long to = TimeParam.millis(params.first("to"), "to", true, zone, errors);
        if (from != null && to != null && from >= to) {
            errors.add(error("to", "Value error, to must be after from"));
        }
        List<String> types = SourceType.parseList(params.all("source_type"),
                unknown -> errors.add(error("source_type", "Input should be " + SourceType.wireNames())));
        Selection selection = new Selection(from, to, types, text(params, "app"), host(text(params, "domain")),
                text(params, "plugin"), text(params, "device"), text(params, "query"));
        if (selection.isEverything() && errors.isEmpty()) {
            errors.add(new FieldError(List.of("body"), "Say what to forget: at least one of from, to, source_type, "
                    + "app, domain, plugin, device, query", "missing"));
        }
        return selection;
    }

    /** True when no selector is given: a forget of everything is never a default. */
    boolean isEverything() {
        return fromMillis == null && toMillis == null && sourceTypes.isEmpty() && app == null && domain == null
                && plugin == null && device == null && query == null;
    }

    private static String text(Params params, String name) {
        String value = params.first(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String host(String domain) {
        if (domain == null) {
            return null;
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }

    private static FieldError error(String name, String message) {
        return new FieldError(List.of("body", name), message, "value_error");
    }
}
