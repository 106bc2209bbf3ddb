package dev.openclone.cli;

import dev.openclone.config.DotEnv;
import dev.openclone.event.SourceType;
import dev.openclone.tenant.KeyRing;
import dev.openclone.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openclone key create|list|revoke}: API keys, shown once, stored as hashes. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"Manage API keys: create, list, revoke.",
            "A key belongs to one tenant and may be limited to some source types.",
            "Only --read keys (and the default tenant's API_KEY) may call the read endpoints."},
        subcommands = {KeyCommand.Create.class, KeyCommand.ListKeys.class, KeyCommand.Rotate.class,
            KeyCommand.Revoke.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (see the message)", "2:bad usage or setting"})
public final class KeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key; it is printed once, alone on the last line.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--tenant", required = true, paramLabel = "NAME", description = "The tenant it opens.")
        String tenant;

        @Option(names = "--name", paramLabel = "LABEL", description = "A name to list and revoke it by "
                + "(default key-<n>).")
        String label;

        @Option(names = "--source-types", split = ",", paramLabel = "TYPE",
                description = "Only these source types may be written (default: all).")
        List<String> sourceTypes = List.of();

        @Option(names = "--read", description = "May also call the read endpoints (search, timeline, recall) and "
                + "the MCP tools that read.")
        boolean read;

        @Override
        public Integer call() {
            return TenantCommand.Admin.run(() -> {
                Set<SourceType> types = EnumSet.noneOf(SourceType.class);
                for (String name : sourceTypes) {
                    types.add(SourceType.fromWire(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                            "unknown source type '" + name + "' (one of " + SourceType.wireNames() + ")")));
                }
                try (TenantRegistry registry = Registry.open()) {
                    TenantRegistry.CreatedKey created = registry.createKey(tenant, label, types, read);
                    System.out.println("Created key '" + created.label() + "' for tenant '" + tenant + "': writes "
                            + scope(types) + "; queries " + (read ? "allowed" : "not allowed") + ".");
                    System.out.println("It is shown only now. Put it in the plugin's settings as its X-API-Key:");
                    System.out.println(created.key());
                }
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List live keys: labels, scopes, created, last used. Never the keys themselves.")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant's keys.")
        String tenant;

        @Override
        public Integer call() {
            return TenantCommand.Admin.run(() -> {
                try (TenantRegistry registry = Registry.open()) {
                    System.out.printf("%-16s %-20s %-5s %-17s %-17s %s%n", "TENANT", "LABEL", "READ", "CREATED",
                            "LAST USED", "SOURCE TYPES");
                    if (tenant == null || tenant.equals("default")) {
                        // The default tenant's own key lives in backend/.env (or the environment), not here.
                        System.out.printf("%-16s %-20s %-5s %-17s %-17s %s%n", "default", "API_KEY", "yes", "-", "-",
                                "all source types (" + (System.getenv("API_KEY") != null ? "from the environment"
                                        : "backend/.env") + ")");
                    }
                    for (TenantRegistry.KeyInfo key : registry.keys(tenant)) {
                        System.out.printf("%-16s %-20s %-5s %-17s %-17s %s%n", key.tenant(), key.label(),
                                key.canRead() ? "yes" : "no", Registry.time(key.createdAt()),
                                Registry.time(key.lastUsedAt()), scope(key.sourceTypes()));
                    }
                }
                return 0;
            });
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Replace a key with a new one of the same name and scope; the new key is printed once,",
                "alone on the last line, and the old one is refused within a second.",
                "With --default: a new API_KEY in backend/.env (restart the server to use it)."})
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--tenant", paramLabel = "NAME", description = "The key's tenant.")
        String tenant;

        @Option(names = "--name", paramLabel = "LABEL", description = "The key's name (see key list).")
        String label;

        @Option(names = "--default", description = "Rotate the default tenant's API_KEY in backend/.env.")
        boolean defaultKey;

        @Override
        public Integer call() {
            return TenantCommand.Admin.run(() -> {
                boolean named = tenant != null && label != null;
                if (defaultKey == named || (!defaultKey && (tenant == null || label == null))) {
                    System.err.println("openclone: give either --tenant and --name, or --default");
                    return 2;
                }
                if (defaultKey) {
                    return rotateDefault();
                }
                try (TenantRegistry registry = Registry.open()) {
                    TenantRegistry.CreatedKey created = registry.rotate(tenant, label);
                    System.out.println("Rotated key '" + created.label() + "' of tenant '" + tenant + "': the old "
                            + "one is refused from now on. The new one is shown only now:");
                    System.out.println(created.key());
                }
                return 0;
            });
        }

        private static int rotateDefault() throws IOException {
            if (System.getenv("API_KEY") != null) {
                System.err.println("openclone: API_KEY comes from the environment; change it where it is set");
                return 1;
            }
            Path env = ServeCommand.root().resolve(Path.of("backend", ".env"));
            if (!Files.exists(env)) {
                System.err.println("openclone: no " + env + " yet: run ./openclone serve once to create it");
                return 1;
            }
            String key = KeyRing.newKey();
            DotEnv.replaceApiKey(env, key);
            System.out.println("Wrote a new API_KEY to " + env + ". Restart the server (./openclone serve) to use "
                    + "it; the old key works until then. The new key, shown only now:");
            System.out.println(key);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key; a running server refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--tenant", required = true, paramLabel = "NAME")
        String tenant;

        @Option(names = "--name", required = true, paramLabel = "LABEL")
        String label;

        @Override
        public Integer call() {
            return TenantCommand.Admin.run(() -> {
                try (TenantRegistry registry = Registry.open()) {
                    if (!registry.revoke(tenant, label)) {
                        System.err.println("openclone: tenant '" + tenant + "' has no live key named '" + label + "'");
                        return 1;
                    }
                    System.out.println("Revoked key '" + label + "' of tenant '" + tenant + "'");
                }
                return 0;
            });
        }
    }

    static String scope(Set<SourceType> types) {
        return types.isEmpty() ? "all source types"
                : types.stream().map(SourceType::wireName).sorted().collect(Collectors.joining(","));
    }
}
