package dev.openclone.cli;

import dev.openclone.config.Settings;
import dev.openclone.search.SearchIndex;
import dev.openclone.store.VaultRebuild;
import dev.openclone.tenant.TenantRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openclone reindex [--from-vault]}: the search index of a vault rebuilt from its SQLite index; with
 * {@code --from-vault}, the SQLite index first rebuilt from the vault's Markdown files ({@link VaultRebuild}).
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuild a vault's search index, or with --from-vault its index too.",
            "The search index (vault/.openclone/search) is rebuilt from the index. With --from-vault, first rebuild the index itself from the vault's daily files, for an index that is",
            "lost or broken: what the old index can still tell (dedup keys, data, forgotten events) is kept for",
            "every entry that is unchanged. Safe to run again. Stop the server first: a running server catches",
            "up (or rebuilds a deleted search folder) by itself at its next start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rebuilt", "1:the vault's index cannot be read, or the server is running", "2:bad usage"})
public final class ReindexCommand implements Callable<Integer> {

    @Option(names = "--tenant", paramLabel = "NAME", description = "Whose vault (default: the default tenant).")
    String tenant = "default";

    @Option(names = "--from-vault", description = "Rebuild the index from the vault's Markdown files first.")
    boolean fromVault;

    @Override
    public Integer call() {
        return TenantCommand.Admin.run(() -> {
            Path vault;
            if (tenant.equals("default")) {
                vault = Registry.settings().vault();
            } else {
                try (TenantRegistry registry = Registry.open()) {
                    vault = registry.tenant(tenant).orElseThrow(() -> new IllegalArgumentException(
                            "no tenant '" + tenant + "' (see: openclone tenant list)")).vault();
                }
            }
            long started = System.nanoTime();
            boolean terminal = System.console() != null;
            if (fromVault) {
                SearchIndex.ensureNotInUse(vault);
                Settings settings = Registry.settings();
                VaultRebuild.Result rebuilt = VaultRebuild.run(vault, settings.timezone(),
                        settings.conversation().folder(), System.currentTimeMillis() / 1000d, done -> {
                            if (terminal) {
                                System.err.print("\r" + String.format("%,d", done) + " entries read");
                            }
                        });
                if (terminal) {
                    System.err.print("\r" + " ".repeat(40) + "\r");
                }
                System.out.printf("Rebuilt the index of %s from %,d daily files: %,d events kept from the old index,"
                        + " %,d made from their entries, %,d forgotten kept forgotten%s%n", vault, rebuilt.files(),
                        rebuilt.recovered(), rebuilt.rebuilt(), rebuilt.tombstones(), rebuilt.oldIndexRead() ? ""
                                : " (the old index could not be read to its end)");
            }
            long count = SearchIndex.rebuild(vault, done -> {
                if (terminal) {
                    System.err.print("\r" + String.format("%,d", done) + " events indexed");
                }
            });
            if (terminal) {
                System.err.print("\r" + " ".repeat(40) + "\r");
            }
            System.out.printf("Rebuilt the search index of %s: %,d events in %.1f s%n", vault, count,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        });
    }
}
