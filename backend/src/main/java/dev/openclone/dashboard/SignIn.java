package dev.openclone.dashboard;

import dev.openclone.ingest.RateLimiter;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.Tenants;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Signing in with a key and out again. A key that reads (a {@code --read} key or a tenant's default key) opens a
 * session on its own tenant; the browser keeps only a random session id in an HttpOnly, SameSite=Strict cookie
 * (Secure over TLS). A wrong key is told so in the same words whatever tenant it might have been for; after
 * {@link Dashboard#SIGN_IN_ATTEMPTS} wrong keys in a minute, an address must wait before it may try again.
 */
final class SignIn {

    static final String COOKIE = "openclone_session";
    static final String WRONG_KEY = "That key was not accepted. Check that you copied all of it (API_KEY in "
            + "backend/.env, or a key from `openclone key create --read`).";
    static final String WRITE_ONLY = "This key may only send events. Sign in with a key that may read: the "
            + "default key, or one made with `openclone key create --read`.";

    private final Tenants tenants;
    private final Sessions sessions;
    private final Pages pages;
    private final RateLimiter failures;

    SignIn(Tenants tenants, Sessions sessions, Pages pages, RateLimiter failures) {
        this.tenants = tenants;
        this.sessions = sessions;
        this.pages = pages;
        this.failures = failures;
    }

    /** The model of {@code login.jte}: where to go after, and what went wrong, if anything. */
    public record Form(String next, String error, String notice) {
    }

    void form(Context ctx) {
        if (current(ctx).isPresent()) {
            ctx.redirect(Dashboard.safeNext(ctx.queryParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        String notice = ctx.queryParam("signed_out") != null ? "You are signed out." : null;
        pages.render(ctx, 200, "login.jte", new Form(Dashboard.safeNext(ctx.queryParam("next")), null, notice));
    }

    void submit(Context ctx) {
        String next = Dashboard.safeNext(ctx.formParam("next"));
        String address = "sign-in " + ctx.ip();
        Optional<Long> wait = failures.exhausted(address);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.get()));
            pages.render(ctx, 429, "login.jte", new Form(next, "Too many wrong keys from this address. Wait "
                    + wait.get() + " seconds, then try again.", null));
            return;
        }
        String key = ctx.formParam("key");
        Optional<Access> access = tenants.access(key == null ? null : key.strip());
        if (access.isEmpty()) {
            failures.acquire(address);
            pages.render(ctx, 401, "login.jte", new Form(next, WRONG_KEY, null));
            return;
        }
        if (!access.get().canRead()) {
            pages.render(ctx, 403, "login.jte", new Form(next, WRITE_ONLY, null));
            return;
        }
        Session session = sessions.open(access.get(), tenants.isOwner(access.get()));
        ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; Max-Age=" + Sessions.LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void signOut(Context ctx, Session session) {
        sessions.close(session.id());
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : ""));
        ctx.redirect("/login?signed_out", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The browser's live session, its key still valid and still allowed to read; empty otherwise. */
    Optional<Session> current(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isPresent() && tenants.stillOpens(session.get().access()).filter(Access::canRead).isEmpty()) {
            sessions.close(session.get().id());
            return Optional.empty();
        }
        return session;
    }

    /** Whether the browser reached us over TLS (directly, or through a proxy that says so). */
    private static boolean secure(Context ctx) {
        return ctx.req().isSecure() || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
