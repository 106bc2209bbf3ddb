package dev.openclone.tenant;

import io.javalin.security.RouteRole;

/**
 * What a route asks of its caller's key, declared with the route and checked once, before its handler, by
 * {@link AccessFilter}. A route without one is public (health, metrics, the API description).
 */
public enum Needs implements RouteRole {
    /** Any live key; the handler decides what the key may do there. */
    KEY,
    /** A key allowed to read: a {@code --read} key or the default key. */
    READ,
    /** The owner's key: the default tenant's {@code API_KEY} (forgetting, for every tenant). */
    OWNER
}
