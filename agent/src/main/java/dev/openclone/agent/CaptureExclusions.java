package dev.openclone.agent;

import dev.openclone.sdk.TextPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What must never be captured on this machine: the tenant's exclusions (read from the server's
 * {@code GET /api/v1/policy}) and this machine's own (the config's {@code exclude}), with the server's reading of
 * patterns ({@link TextPattern}), plus windows that show a password prompt or a private browsing window. A plugin
 * asks before it takes a screenshot, reads a page or records; the reason names a rule, never the content.
 */
public final class CaptureExclusions {

    /** Titles of private windows and password prompts: never captured, whatever the config says. */
    static final Pattern PRIVATE_TITLE = Pattern.compile("(?iu)private browsing|incognito|inprivate|"
            + "\\bpassword\\b|passwort|mot de passe|contraseña|パスワード|\\bpassphrase\\b|\\bsign in\\b|\\blog ?in\\b|"
            + "\\b2fa\\b|one-time code|keepass|1password|bitwarden|lastpass|\\bpinentry\\b|authentication required");

    private final List<TextPattern> apps;
    private final List<TextPattern> titles;
    private final List<TextPattern> domains;
    private final List<TextPattern> urls;

    public CaptureExclusions(List<TextPattern> apps, List<TextPattern> titles, List<TextPattern> domains,
            List<TextPattern> urls) {
        this.apps = List.copyOf(apps);
        this.titles = List.copyOf(titles);
        this.domains = List.copyOf(domains);
        this.urls = List.copyOf(urls);
    }

    public static final CaptureExclusions NONE = new CaptureExclusions(List.of(), List.of(), List.of(), List.of());

    /** Both sets of rules at once. */
    CaptureExclusions and(CaptureExclusions other) {
        return new CaptureExclusions(join(apps, other.apps), join(titles, other.titles), join(domains, other.domains),
                join(urls, other.urls));
    }

    /**
     * Why a window must not be captured, or empty when it may be.
     *
     * @param app   its application ({@code WM_CLASS}), may be empty
     * @param title its title, may be empty
     * @param url   the page it shows when known, else null
     */
    public Optional<String> reason(String app, String title, String url) {
        if (apps.stream().anyMatch(p -> p.matches(app))) {
            return Optional.of("app");
        }
        if (titles.stream().anyMatch(p -> p.matches(title))) {
            return Optional.of("window_title");
        }
        if (PRIVATE_TITLE.matcher(title).find() || PRIVATE_TITLE.matcher(app).find()) {
            return Optional.of("private");
        }
        String lowerTitle = title.toLowerCase(Locale.ROOT);
        for (TextPattern domain : domains) {
            // A browser's title often names the site; a domain excluded is never captured when it shows there.
            if (!domain.regex() && lowerTitle.contains(domain.source().toLowerCase(Locale.ROOT))) {
                return Optional.of("domain");
            }
        }
        if (url != null) {
            String host = host(url);
            if (host != null && domains.stream().anyMatch(p -> p.matchesHost(host))) {
                return Optional.of("domain");
            }
            if (urls.stream().anyMatch(p -> p.matches(url))) {
                return Optional.of("url");
            }
        }
        return Optional.empty();
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<TextPattern> join(List<TextPattern> a, List<TextPattern> b) {
        List<TextPattern> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
