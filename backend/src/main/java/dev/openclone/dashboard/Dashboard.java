package dev.openclone.dashboard;

import dev.openclone.forget.ForgetService;
import dev.openclone.ingest.RateLimiter;
import dev.openclone.plugin.PluginsService;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.query.DayFiles;
import dev.openclone.search.SearchService;
import dev.openclone.tenant.Tenants;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The web dashboard at {@code /} (SPEC §9): server-rendered pages over the same services the API answers from —
 * Today, Search, Timeline, Plugins, Privacy and an entry view — for a browser signed in with a key that may read.
 * Every page shows the signed-in key's tenant only. Forms that change something (sign-out, forgetting) carry the
 * session's CSRF token and must come from this origin.
 */
public final class Dashboard {

    /** The paths it answers, for the request log. */
    public static final Set<String> PATHS = Set.of("/", "/login", "/logout", "/search", "/timeline", "/plugins",
            "/privacy", "/privacy/forget", "/entry", "/dashboard.css");

    static final int SIGN_IN_ATTEMPTS = 10;

    private final SignIn signIn;
    private final Pages pages;
    private final Views views;

    private Dashboard(SignIn signIn, Pages pages, Views views) {
        this.signIn = signIn;
        this.pages = pages;
        this.views = views;
    }

    /** What the pages read from: the server's own services, so each answers as the API does. */
    public record Sources(Tenants tenants, SearchService search, PluginsService plugins, ForgetService forget,
            Function<String, TenantPolicy> policies, DayFiles days) {
    }

    /**
     * The dashboard over {@code sources}; an address may try {@value #SIGN_IN_ATTEMPTS} wrong keys a minute.
     */
    public static Dashboard create(Sources sources, Clock clock) {
        Pages pages = new Pages();
        ZoneId zone = sources.days().zone();
        SignIn signIn = new SignIn(sources.tenants(), new Sessions(clock), pages,
                new RateLimiter(SIGN_IN_ATTEMPTS, Duration.ofMinutes(1), clock));
        return new Dashboard(signIn, pages, new Views(new TodayPage(sources.days(), clock, pages),
                new SearchPage(sources.search(), pages), new TimelinePage(sources.days(), clock, pages),
                new PluginsPage(sources.plugins(), zone, clock, pages),
                new PrivacyPage(sources.policies(), sources.forget(), pages), new EntryPage(zone, pages)));
    }

    /** A page of a signed-in browser. */
    @FunctionalInterface
    interface Page {
        void show(Context ctx, Session session) throws Exception;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/login", signIn::form);
        config.routes.post("/login", signIn::submit);
        config.routes.post("/logout", changing(signIn::signOut));
        config.routes.get("/", signedIn(views.today()::show));
        config.routes.get("/search", signedIn(views.search()::show));
        config.routes.get("/timeline", signedIn(views.timeline()::show));
        config.routes.get("/plugins", signedIn(views.plugins()::show));
        config.routes.get("/privacy", signedIn(views.privacy()::show));
        config.routes.post("/privacy/forget", changing(views.privacy()::forget));
        config.routes.get("/entry", signedIn(views.entry()::show));
        config.routes.get("/dashboard.css", Dashboard::stylesheet);
    }

    /** The page a browser gets when a dashboard page failed on the server (the log has the error). */
    public void failed(Context ctx) {
        pages.problem(ctx, 500, "Something went wrong", "The server could not show this page; its log says why. "
                + "Try again, or go back to the dashboard.");
    }

    /** {@code page} for a signed-in browser; any other is sent to sign in, and brought back after. */
    private Handler signedIn(Page page) {
        return ctx -> {
            Optional<Session> session = signIn.current(ctx);
            if (session.isEmpty()) {
                String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login" + ("/".equals(here) ? "" : "?next=" + URLEncoder.encode(here,
                        StandardCharsets.UTF_8)), HttpStatus.SEE_OTHER);
                return;
            }
            page.show(ctx, session.get());
        };
    }

    /**
     * A form that changes something: only from a signed-in browser, with its session's CSRF token, and — when the
     * browser says where the form came from — from this dashboard's own origin.
     */
    private Handler changing(Page page) {
        return ctx -> {
            Optional<Session> session = signIn.current(ctx);
            if (session.isEmpty()) {
                pages.problem(ctx, 401, "Signed out", "Your session has ended. Sign in again, then repeat what you "
                        + "were doing.");
                return;
            }
            if (!Sessions.csrfMatches(session.get(), ctx.formParam("csrf")) || !sameOrigin(ctx)) {
                pages.problem(ctx, 403, "Form refused", "This form did not come from this dashboard, or it is "
                        + "from an earlier session. Reload the page and try again.");
                return;
            }
            page.show(ctx, session.get());
        };
    }

    /** Whether the Origin header, when sent, names this server (scheme, host and port as the browser used them). */
    private static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.header("Host");
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where to go after signing in: a path of this dashboard, never another site; {@code /} otherwise. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private static void stylesheet(Context ctx) throws IOException {
        try (InputStream css = Dashboard.class.getResourceAsStream("/dashboard/dashboard.css")) {
            if (css == null) {
                throw new IOException("dashboard.css is missing from the build");
            }
            ctx.header("Cache-Control", "max-age=3600");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType("text/css; charset=utf-8").result(css.readAllBytes());
        }
    }
}
