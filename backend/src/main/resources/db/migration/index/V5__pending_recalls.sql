-- The redo log of recall-file updates, like pending_appends: written with the turn's events (the commit point),
-- applied after its Markdown, re-applied at start-up after a crash (a no-op when the file already holds the
-- turn's advancement key), then deleted.
CREATE TABLE pending_recalls (
    id              INTEGER PRIMARY KEY,
    file            TEXT    NOT NULL,
    advancement_key TEXT    NOT NULL,
    lines           TEXT    NOT NULL,
    turns           INTEGER NOT NULL,
    max_bytes       INTEGER NOT NULL
);
