package dev.openclone.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Urls;
import dev.openclone.sdk.TextPattern;
import java.util.List;
import java.util.Optional;

/**
 * What a tenant never wants stored (SPEC §7): events marked {@code "incognito": true} or {@code "private": true},
 * and events whose app, window title, domain or URL matches one of the tenant's patterns. The fields are read
 * from any source type's data: {@code app_name}, {@code window_title}, {@code url} and {@code domain}.
 */
public record Exclusions(List<TextPattern> apps, List<TextPattern> windowTitles, List<TextPattern> domains,
        List<TextPattern> urls) {

    public static final Exclusions NONE = new Exclusions(List.of(), List.of(), List.of(), List.of());

    public Exclusions {
        apps = List.copyOf(apps);
        windowTitles = List.copyOf(windowTitles);
        domains = List.copyOf(domains);
        urls = List.copyOf(urls);
    }

    /** Why the event must not be stored, or empty when it may be. The reason names a rule, never the data. */
    public Optional<String> reason(ObjectNode data) {
        if (isTrue(data.get("incognito")) || isTrue(data.get("private"))) {
            return Optional.of("private");
        }
        if (any(apps, text(data, "app_name"))) {
            return Optional.of("app");
        }
        if (any(windowTitles, text(data, "window_title"))) {
            return Optional.of("window_title");
        }
        Optional<String> url = text(data, "url");
        Optional<String> host = text(data, "domain").or(() -> url.flatMap(Urls::host));
        if (host.isPresent() && domains.stream().anyMatch(p -> p.matchesHost(host.get()))) {
            return Optional.of("domain");
        }
        if (any(urls, url)) {
            return Optional.of("url");
        }
        return Optional.empty();
    }

    private static boolean any(List<TextPattern> patterns, Optional<String> value) {
        return value.isPresent() && patterns.stream().anyMatch(p -> p.matches(value.get()));
    }

    private static Optional<String> text(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue().strip()) : Optional.empty();
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

}
