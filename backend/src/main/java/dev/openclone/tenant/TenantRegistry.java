package dev.openclone.tenant;

import dev.openclone.event.SourceType;
import dev.openclone.index.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tenants and their keys, kept in {@code <OPENCLONE_HOME>/openclone.db}. The command line writes here; a running
 * server notices the change within a second ({@link Database#dataVersion}). The default tenant is always present,
 * with the vault of {@code OPENCLONE_VAULT}; its own key, {@code API_KEY}, lives in {@code backend/.env} and
 * is never stored here.
 *
 * <p>This class is the one owner of that schema: every SQL statement against {@code openclone.db} is here, as every
 * statement against a vault's index is in the {@code index} package. That, not a second idea, is why it is longer
 * than most classes.
 */
public final class TenantRegistry implements AutoCloseable {

    static final List<String> MIGRATIONS = List.of("V1__tenants.sql");

    private final Connection connection;
    private final Clock clock;

    /** A tenant as listed. */
    public record TenantInfo(String name, Path vault, double createdAt) {
    }

    /** A key just created: its label, and the key itself, which exists nowhere else. */
    public record CreatedKey(String label, String key) {
    }

    /** A key as listed: never the key itself. */
    public record KeyInfo(String tenant, String label, Set<SourceType> sourceTypes, boolean canRead, double createdAt,
            Double lastUsedAt) {
    }

    private TenantRegistry(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens the registry under {@code home}, creating it on first use, and records {@code defaultVault} as the
     * default tenant's vault.
     */
    public static TenantRegistry open(Path home, Path defaultVault, Clock clock) throws SQLException, IOException {
        TenantRegistry registry = new TenantRegistry(Database.open(home.resolve("openclone.db"), "home", MIGRATIONS),
                clock);
        try {
            registry.upsertDefault(defaultVault.toAbsolutePath().normalize());
        } catch (SQLException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private void upsertDefault(Path vault) throws SQLException {
        try {
            inTransaction(c -> {
                try (PreparedStatement upsert = c.prepareStatement("INSERT INTO tenants (name, vault, created_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET vault = excluded.vault "
                        + "WHERE vault <> excluded.vault")) {
                    upsert.setString(1, Tenant.DEFAULT);
                    upsert.setString(2, vault.toString());
                    upsert.setDouble(3, now());
                    return upsert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new SQLException("the default tenant's vault " + vault + " is already another tenant's vault", e);
        }
    }

    /** A unit of work on the registry's connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. Reads go
     * through here too, so no read transaction stays open and hides what the command line writes meanwhile.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Adds a tenant with its own vault. The vault may not be, contain or lie inside another tenant's vault.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public TenantInfo addTenant(String name, Path vault) throws SQLException {
        if (!TenantName.isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid tenant name: " + TenantName.RULE);
        }
        Path normalized = vault.toAbsolutePath().normalize();
        Path real = VaultPaths.realPath(normalized);
        for (TenantInfo other : tenants()) {
            if (other.name().equals(name)) {
                throw new IllegalArgumentException("tenant '" + name + "' exists already");
            }
            Path otherReal = VaultPaths.realPath(other.vault());
            if (normalized.startsWith(other.vault()) || other.vault().startsWith(normalized)
                    || real.startsWith(otherReal) || otherReal.startsWith(real)) {
                throw new IllegalArgumentException("vault " + normalized + " overlaps the vault of tenant '"
                        + other.name() + "' (" + other.vault() + "); every tenant needs a folder of its own");
            }
        }
        double now = now();
        inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO tenants (name, vault, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, normalized.toString());
                insert.setDouble(3, now);
                return insert.executeUpdate();
            }
        });
        return new TenantInfo(name, normalized, now);
    }

    public List<TenantInfo> tenants() throws SQLException {
        return inTransaction(c -> {
            List<TenantInfo> tenants = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, vault, created_at FROM tenants ORDER BY name");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tenants.add(new TenantInfo(rs.getString(1), Path.of(rs.getString(2)), rs.getDouble(3)));
                }
            }
            return tenants;
        });
    }

    public Optional<TenantInfo> tenant(String name) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, vault, created_at FROM tenants WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new TenantInfo(rs.getString(1), Path.of(rs.getString(2)),
                            rs.getDouble(3))) : Optional.<TenantInfo>empty();
                }
            }
        });
    }

    /**
     * Creates a key and returns it: the only time it exists outside the client. Only its hash is stored.
     *
     * @param label a name unique among the tenant's live keys; null for {@code key-<n>}
     */
    public CreatedKey createKey(String tenant, String label, Set<SourceType> sourceTypes, boolean canRead)
            throws SQLException {
        if (tenant(tenant).isEmpty()) {
            throw new IllegalArgumentException("no tenant '" + tenant + "' (see: openclone tenant list)");
        }
        List<KeyInfo> existing = keys(tenant);
        String name = label == null ? "key-" + (existing.size() + 1) : label.strip();
        if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a key label is 1-64 printable characters");
        }
        if (existing.stream().anyMatch(k -> k.label().equals(name))) {
            throw new IllegalArgumentException("tenant '" + tenant + "' already has a key named '" + name + "'");
        }
        String key = KeyRing.newKey();
        inTransaction(c -> insertKey(c, tenant, name, key, sourceTypes, canRead));
        return new CreatedKey(name, key);
    }

    /** The live keys of a tenant, or of every tenant when {@code tenant} is null. */
    public List<KeyInfo> keys(String tenant) throws SQLException {
        return inTransaction(c -> {
            List<KeyInfo> keys = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT tenant, label, source_types, can_read, "
                    + "created_at, last_used_at FROM api_keys WHERE revoked_at IS NULL AND (? IS NULL OR tenant = ?) "
                    + "ORDER BY tenant, created_at")) {
                select.setString(1, tenant);
                select.setString(2, tenant);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double lastUsedValue = rs.getDouble(6);
                        Double lastUsed = rs.wasNull() ? null : lastUsedValue;
                        keys.add(new KeyInfo(rs.getString(1), rs.getString(2), sourceTypes(rs.getString(3)),
                                rs.getInt(4) == 1, rs.getDouble(5), lastUsed));
                    }
                }
            }
            return keys;
        });
    }

    /**
     * Replaces a live key with a new one of the same label and scope, in one transaction: the old one is refused
     * and the new one accepted by a running server within a second.
     *
     * @throws IllegalArgumentException when the tenant has no live key of that name
     */
    public CreatedKey rotate(String tenant, String label) throws SQLException {
        KeyInfo old = keys(tenant).stream().filter(k -> k.label().equals(label)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("tenant '" + tenant + "' has no live key named '" + label + "'"));
        String key = KeyRing.newKey();
        inTransaction(c -> {
            try (PreparedStatement revoke = c.prepareStatement("UPDATE api_keys SET revoked_at = ? "
                    + "WHERE tenant = ? AND label = ? AND revoked_at IS NULL")) {
                revoke.setDouble(1, now());
                revoke.setString(2, tenant);
                revoke.setString(3, label);
                revoke.executeUpdate();
            }
            return insertKey(c, tenant, label, key, old.sourceTypes(), old.canRead());
        });
        return new CreatedKey(label, key);
    }

    /** Stores a new key's hash with its label and scope; the key itself is never stored. */
    private int insertKey(Connection c, String tenant, String label, String key, Set<SourceType> sourceTypes,
            boolean canRead) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO api_keys (tenant, label, key_hash, "
                + "source_types, can_read, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, label);
            insert.setBytes(3, KeyRing.hash(key));
            insert.setString(4, sourceTypes.stream().map(SourceType::wireName).sorted()
                    .collect(Collectors.joining(",")));
            insert.setInt(5, canRead ? 1 : 0);
            insert.setDouble(6, now());
            return insert.executeUpdate();
        }
    }

    /** Revokes a live key; returns false when there was none of that name. */
    public boolean revoke(String tenant, String label) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE api_keys SET revoked_at = ? "
                    + "WHERE tenant = ? AND label = ? AND revoked_at IS NULL")) {
                update.setDouble(1, now());
                update.setString(2, tenant);
                update.setString(3, label);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** Every live key with what it opens, for the server's key ring. */
    public List<Access> liveAccess() throws SQLException {
        return inTransaction(c -> {
            List<Access> access = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT k.tenant, t.vault, k.label, k.source_types, "
                    + "k.can_read, k.key_hash FROM api_keys k JOIN tenants t ON t.name = k.tenant "
                    + "WHERE k.revoked_at IS NULL");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    access.add(new Access(new Tenant(rs.getString(1), Path.of(rs.getString(2))), rs.getString(3),
                            sourceTypes(rs.getString(4)), rs.getInt(5) == 1, rs.getBytes(6)));
                }
            }
            return access;
        });
    }

    /**
     * Records when keys were last used (key id, the hex of its hash → epoch seconds); batched by the server.
     * Matches the stored hash itself, so the lookup uses the key_hash index.
     */
    public void markUsed(Map<String, Double> lastUsedByKeyId) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?")) {
                for (Map.Entry<String, Double> used : lastUsedByKeyId.entrySet()) {
                    update.setDouble(1, used.getValue());
                    update.setBytes(2, HexFormat.of().parseHex(used.getKey()));
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    /**
     * Changes when another process (the command line) has written. Ends the read transaction at once: a
     * transaction left open would keep showing the old snapshot and never see the change.
     */
    public long dataVersion() throws SQLException {
        long version = Database.dataVersion(connection);
        connection.commit();
        return version;
    }

    private static Set<SourceType> sourceTypes(String csv) {
        Set<SourceType> types = EnumSet.noneOf(SourceType.class);
        Arrays.stream(csv.split(",")).filter(s -> !s.isBlank())
                .forEach(name -> SourceType.fromWire(name).ifPresent(types::add));
        return types;
    }

    private double now() {
        return clock.millis() / 1000d;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
