-- Tenants besides the default one (which is always present, with the vault of OPENCLONE_VAULT).
CREATE TABLE tenants (
    name       TEXT PRIMARY KEY,
    vault      TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL
);

-- API keys, stored as SHA-256 hashes only. source_types: comma-separated, empty for every type.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    tenant       TEXT    NOT NULL REFERENCES tenants (name),
    label        TEXT    NOT NULL,
    key_hash     BLOB    NOT NULL UNIQUE,
    source_types TEXT    NOT NULL DEFAULT '',
    can_read     INTEGER NOT NULL,
    created_at   REAL    NOT NULL,
    last_used_at REAL,
    revoked_at   REAL
);
CREATE UNIQUE INDEX api_keys_live_label ON api_keys (tenant, label) WHERE revoked_at IS NULL;
