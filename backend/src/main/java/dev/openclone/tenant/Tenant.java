package dev.openclone.tenant;

import java.nio.file.Path;

/**
 * A person (or household member) whose data is kept apart from everyone else's: their own vault, index and
 * dedup namespace.
 *
 * @param name  the tenant's name; {@code default} owns {@code OPENCLONE_VAULT} and {@code API_KEY}
 * @param vault the vault folder
 */
public record Tenant(String name, Path vault) {

    public static final String DEFAULT = "default";
}
