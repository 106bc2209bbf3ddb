package dev.openclone.cli;

import dev.openclone.config.SettingsException;
import dev.openclone.tenant.TenantRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone tenant add|list}: people whose data is kept apart, each with a vault of their own. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = {"Manage tenants: each has its own vault, index, keys and rate budget.",
            "State lives in OPENCLONE_HOME (default ./data).",
            "A running server sees changes within a second."},
        subcommands = {TenantCommand.Add.class, TenantCommand.ListTenants.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (see the message)", "2:bad usage or setting"})
public final class TenantCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a tenant with its own vault.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "1-64 characters of a-z, 0-9, '-' and '_'.")
        String name;

        @Option(names = "--vault", required = true, paramLabel = "DIR",
                description = "The tenant's vault folder; not inside or around another tenant's vault.")
        Path vault;

        @Override
        public Integer call() throws Exception {
            return Admin.run(() -> {
                try (TenantRegistry registry = Registry.open()) {
                    TenantRegistry.TenantInfo added = registry.addTenant(name, vault);
                    System.out.println("Added tenant '" + added.name() + "' with vault " + added.vault());
                    System.out.println("Create its first key: openclone key create --tenant " + added.name());
                }
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants and their vaults.")
    static final class ListTenants implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return Admin.run(() -> {
                try (TenantRegistry registry = Registry.open()) {
                    System.out.printf("%-20s %-17s %s%n", "TENANT", "CREATED", "VAULT");
                    for (TenantRegistry.TenantInfo tenant : registry.tenants()) {
                        System.out.printf("%-20s %-17s %s%n", tenant.name(), Registry.time(tenant.createdAt()),
                                tenant.vault());
                    }
                }
                return 0;
            });
        }
    }

    /** Shared error handling of the admin commands: one clear line on stderr and an exit code. */
    static final class Admin {
        interface Action {
            int run() throws Exception;
        }

        static int run(Action action) {
            try {
                return action.run();
            } catch (SettingsException e) {
                System.err.println("openclone: " + e.getMessage());
                return 2;
            } catch (IllegalArgumentException e) {
                System.err.println("openclone: " + e.getMessage());
                return 1;
            } catch (Exception e) {
                System.err.println("openclone: " + e.getMessage());
                return 1;
            }
        }
    }
}
