package dev.openclone.tenant;

import dev.openclone.files.OwnerOnly;
import dev.openclone.store.AfterCommit;
import dev.openclone.store.EventStore;
import dev.openclone.store.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's view of tenants: which key opens what (reloaded within a second of a change made by the
 * command line), and each tenant's own {@link EventStore} — its own vault, index and dedup namespace.
 * The registry's connection is used by one thread only: opened here, then owned by the poller.
 */
public final class Tenants implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tenants.class);
    private static final long POLL_MILLIS = 250;
    private static final long FLUSH_USED_MILLIS = 2_000;

    private final TenantRegistry registry;
    private final Access defaultAccess;
    private final Clock clock;
    /** The after-commit task handlers every tenant's store runs. */
    private final Map<String, AfterCommit> afterCommit;
    private final Map<String, EventStore> stores = new ConcurrentHashMap<>();
    /** The vault of each tenant whose store is open. */
    private final Map<String, Path> vaults = new ConcurrentHashMap<>();
    /** Tenants not served, with the reason; found at start. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Map<String, Double> lastUsed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tenant-registry");
        thread.setDaemon(true);
        return thread;
    });
    private volatile KeyRing ring;
    private long seenVersion = -1;
    private long lastFlush;

    private Tenants(TenantRegistry registry, Access defaultAccess, Clock clock, Map<String, AfterCommit> afterCommit) {
        this.registry = registry;
        this.afterCommit = Map.copyOf(afterCommit);
        this.defaultAccess = defaultAccess;
        this.clock = clock;
    }

    /**
     * Opens the registry under {@code home} ({@code OPENCLONE_HOME}), every tenant's store (repairing each vault
     * after a crash) and starts watching for changes.
     *
     * @param afterCommit the after-commit task handlers of every store, by kind
     * @throws StorageException when the registry or the default tenant's vault cannot be opened
     */
    public static Tenants open(Path home, Path defaultVault, String apiKey, Clock clock,
            Map<String, AfterCommit> afterCommit) throws StorageException {
        TenantRegistry registry;
        try {
            ownerOnly("OPENCLONE_HOME", home);
            registry = TenantRegistry.open(home, defaultVault, clock);
        } catch (SQLException | IOException e) {
            throw new StorageException("OPENCLONE_HOME: cannot open the tenant registry in " + home
                    + ": " + e, e);
        }
        Tenant defaultTenant = new Tenant(Tenant.DEFAULT, defaultVault.toAbsolutePath().normalize());
        Access defaultAccess = new Access(defaultTenant, "API_KEY", Set.of(), true, KeyRing.hash(apiKey));
        Tenants tenants = new Tenants(registry, defaultAccess, clock, afterCommit);
        try {
            tenants.reload();
            tenants.store(defaultTenant);
            List<Path> served = new ArrayList<>(List.of(VaultPaths.realPath(defaultTenant.vault())));
            for (TenantRegistry.TenantInfo info : registry.tenants()) {
                if (info.name().equals(Tenant.DEFAULT)) {
                    continue;
                }
                Path real = VaultPaths.realPath(info.vault());
                if (served.stream().anyMatch(other -> real.startsWith(other) || other.startsWith(real))) {
                    // Its vault reaches another tenant's through a link made since it was added: never both.
                    tenants.refused.put(info.name(), "its vault " + info.vault() + " is, or overlaps, another "
                            + "tenant's vault (through a symbolic link)");
                    LOG.error("Tenant {} is not served: {}", info.name(), tenants.refused.get(info.name()));
                    continue;
                }
                served.add(real);
                try {
                    tenants.store(new Tenant(info.name(), info.vault()));
                } catch (StorageException e) {
                    LOG.error("Tenant {} cannot be served until its vault is fixed: {}", info.name(), e.getMessage());
                }
            }
        } catch (SQLException | StorageException e) {
            tenants.close();
            throw e instanceof StorageException s ? s : new StorageException("tenant registry: " + e.getMessage(), e);
        }
        tenants.poller.scheduleWithFixedDelay(tenants::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return tenants;
    }

    /** What a presented key opens, or empty (missing, unknown or revoked). Records the use. */
    public Optional<Access> access(String presentedKey) {
        Optional<Access> access = ring.accessOf(presentedKey);
        access.filter(a -> a != defaultAccess).ifPresent(a -> lastUsed.put(a.keyId(), clock.millis() / 1000d));
        return access;
    }

    /**
     * What a key that opened {@code earlier} opens now, without the key itself (a dashboard session keeps only its
     * hash); empty once the key is revoked.
     */
    public Optional<Access> stillOpens(Access earlier) {
        return ring.accessOfHash(earlier.keyHash());
    }

    /** The tenant's store, opened (and repaired) on first use. */
    public EventStore store(Tenant tenant) throws StorageException {
        EventStore store = stores.get(tenant.name());
        if (store != null) {
            return store;
        }
        String refusal = refused.get(tenant.name());
        if (refusal != null) {
            throw new StorageException("tenant " + tenant.name() + " is not served: " + refusal, null);
        }
        synchronized (stores) {
            store = stores.get(tenant.name());
            if (store == null) {
                ownerOnly("vault of tenant " + tenant.name(), tenant.vault());
                store = EventStore.open(tenant.vault(), clock, tenant.name(), afterCommit);
                stores.put(tenant.name(), store);
                vaults.put(tenant.name(), tenant.vault());
            }
            return store;
        }
    }

    /**
     * Makes {@code folder} and everything in it owner-only (700/600): older versions created them readable by
     * every local user. Says so once, with a count, when anything had to change.
     */
    private static void ownerOnly(String what, Path folder) throws StorageException {
        try {
            OwnerOnly.createDirectories(folder);
            OwnerOnly.Tightened done = OwnerOnly.tighten(VaultPaths.realPath(folder));
            if (done.changed() > 0) {
                LOG.info("Made {} files and folders of the {} readable by their owner only (700/600)",
                        done.changed(), what);
            }
            if (done.refused() > 0) {
                LOG.warn("{} files or folders of the {} belong to another user and stay readable by others; "
                        + "change their owner or mode by hand", done.refused(), what);
            }
        } catch (IOException e) {
            throw new StorageException("cannot make the " + what + " " + folder + " owner-only: " + e.getMessage(),
                    e);
        }
    }

    /** Whether {@code access} is the owner's: the default tenant's {@code API_KEY}, which may act on every tenant. */
    public boolean isOwner(Access access) {
        return java.util.Arrays.equals(access.keyHash(), defaultAccess.keyHash());
    }

    /** The tenant named {@code name}, if it exists and is served. */
    public Optional<Tenant> tenant(String name) throws StorageException {
        if (Tenant.DEFAULT.equals(name)) {
            return Optional.of(defaultAccess.tenant());
        }
        if (refused.containsKey(name)) {
            return Optional.empty();
        }
        try {
            return registry.tenant(name).map(info -> new Tenant(info.name(), info.vault()));
        } catch (SQLException e) {
            throw new StorageException("tenant registry: " + e.getMessage(), e);
        }
    }

    /** The tenants being served (whose store is open). */
    public List<Tenant> served() {
        return vaults.entrySet().stream().map(e -> new Tenant(e.getKey(), e.getValue())).toList();
    }

    /** The vaults of the tenants being served (whose store is open). */
    public List<Path> vaults() {
        return List.copyOf(vaults.values());
    }

    private void poll() {
        try {
            if (registry.dataVersion() != seenVersion) {
                reload();
            }
            long now = clock.millis();
            if (!lastUsed.isEmpty() && now - lastFlush >= FLUSH_USED_MILLIS) {
                flushUsed();
                lastFlush = now;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Reading the tenant registry failed; keeping the keys as they were: {}", e.toString());
        }
    }

    private void reload() throws SQLException {
        long version = registry.dataVersion();
        List<Access> entries = new ArrayList<>();
        entries.add(defaultAccess);
        entries.addAll(registry.liveAccess());
        ring = new KeyRing(entries);
        seenVersion = version;
    }

    private void flushUsed() throws SQLException {
        Map<String, Double> batch = new HashMap<>(lastUsed);
        registry.markUsed(batch);
        batch.forEach(lastUsed::remove);
    }

    @Override
    public void close() {
        poller.shutdown();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
            if (!lastUsed.isEmpty()) {
                flushUsed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("Could not record when keys were last used: {}", e.toString());
        }
        stores.values().forEach(EventStore::close);
        try {
            registry.close();
        } catch (SQLException e) {
            LOG.warn("Closing the tenant registry failed: {}", e.toString());
        }
    }
}
