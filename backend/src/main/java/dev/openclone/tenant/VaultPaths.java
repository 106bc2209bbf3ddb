package dev.openclone.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a tenant's vault really is on disk, so that no two tenants ever share a folder, links or not. */
final class VaultPaths {

    private VaultPaths() {
    }

    /**
     * Where a vault really is: the real path of its nearest existing folder (links resolved) joined with the part
     * that does not exist yet. Two tenants whose vaults meet through a symbolic link share a real path.
     */
    static Path realPath(Path vault) {
        return realPath(vault, 0);
    }

    private static Path realPath(Path vault, int links) {
        Path existing = vault;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing) && links < 40) {
                // A link to a folder that does not exist yet: where it points is where the vault would be.
                try {
                    Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
                    return realPath(target, links + 1).resolve(rest).normalize();
                } catch (IOException e) {
                    return vault;
                }
            }
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return vault;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return vault;
        }
    }
}
