-- Every stored event, its dedup key and where its entry is in the vault.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    dedup_key      BLOB    NOT NULL UNIQUE,
    source_type    TEXT    NOT NULL,
    platform       TEXT    NOT NULL,
    device_id      TEXT    NOT NULL,
    plugin_id      TEXT    NOT NULL,
    plugin_version TEXT    NOT NULL,
    raw_ref        TEXT,
    captured_at    REAL    NOT NULL,
    received_at    REAL    NOT NULL,
    data           TEXT    NOT NULL,
    file           TEXT    NOT NULL,
    file_offset    INTEGER NOT NULL,
    entry_length   INTEGER NOT NULL
);
CREATE INDEX events_by_time ON events (captured_at);
CREATE INDEX events_by_plugin ON events (plugin_id, captured_at);

-- The redo log of vault appends: written in the same transaction as the events (the commit point), applied to
-- the Markdown files right after, checked and completed at start-up after a crash, then deleted.
CREATE TABLE pending_appends (
    id            INTEGER PRIMARY KEY,
    file          TEXT    NOT NULL,
    file_offset   INTEGER NOT NULL,
    prefix_length INTEGER NOT NULL,
    bytes         BLOB    NOT NULL
);
