package dev.openclone.tenant;

import dev.openclone.http.Responses;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * The one key check of the server, run before every route that declares what it {@link Needs}: a missing,
 * unknown or revoked key ({@code X-API-Key}, or {@code Authorization: Bearer}) is answered {@code 401} (the same on every route), a key that may not
 * read is answered {@code 403} on a {@link Needs#READ} route, and otherwise the caller's {@link Access} is put on
 * the request for the handler ({@link #caller}).
 */
public final class AccessFilter implements Handler {

    private static final String ATTRIBUTE = "openclone.access";

    private final Tenants tenants;

    public AccessFilter(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().isEmpty()) {
            return;
        }
        Optional<Access> access = tenants.access(key(ctx));
        if (access.isEmpty()) {
            Responses.invalidKey(ctx);
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.routeRoles().contains(Needs.READ) && !access.get().canRead()) {
            Responses.detail(ctx, 403, "This key may not read; create one with: openclone key create --read");
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.routeRoles().contains(Needs.OWNER) && !tenants.isOwner(access.get())) {
            Responses.detail(ctx, 403, "Only the owner's key (API_KEY in backend/.env) may do this");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(ATTRIBUTE, access.get());
    }

    /** The key sent as {@code X-API-Key}, or as {@code Authorization: Bearer <key>} (what MCP clients send). */
    static String key(Context ctx) {
        String key = ctx.header("X-API-Key");
        String authorization = ctx.header("Authorization");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).strip();
        }
        return key;
    }

    /** The caller's access, as the filter found it; only on routes that declare what they need. */
    public static Access caller(Context ctx) {
        Access access = ctx.attribute(ATTRIBUTE);
        if (access == null) {
            throw new IllegalStateException(ctx.path() + " reads the caller but declares no Needs");
        }
        return access;
    }
}
