-- The SHA-256 of each entry's bytes as appended: an entry is found again by it when a person's edits moved it
-- (a forget cuts it out of its file; a reconcile keeps its line and offset right). NULL before this version.
ALTER TABLE events ADD COLUMN entry_hash BLOB;
-- Each change made to stored events after they were stored, content-free: a forget, or the vault's edits taken
-- in (kind 'forget', 'vault'), when, and how many events. Its id orders changes for the search index.
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL,
    at        REAL    NOT NULL,
    events    INTEGER NOT NULL
);
-- The last change that touched an event (NULL: none since it was stored); derived indexes redo those events.
ALTER TABLE events ADD COLUMN changed INTEGER REFERENCES changes (id);
CREATE INDEX events_changed ON events (changed) WHERE changed IS NOT NULL;
-- A forgotten event keeps only its dedup key, kinds and ids (a tombstone: no data, no raw_ref, no place), so a
-- plugin's replay of it is skipped as a duplicate. 1 for a tombstone, NULL for a live event.
ALTER TABLE events ADD COLUMN forgotten INTEGER;
-- The cuts a forget makes in the daily files, logged with its tombstones (the commit point), applied right
-- after, re-applied at start after a crash; each is checked against the hash of the bytes it removes.
CREATE TABLE pending_cuts (
    id          INTEGER PRIMARY KEY,
    file        TEXT    NOT NULL,
    file_offset INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    sha256      BLOB    NOT NULL
);
-- Each daily file as the index last saw it (after its own appends, or a reconcile): a file whose size or
-- modification time differs was changed by someone else, and is reconciled.
CREATE TABLE files_seen (
    file        TEXT    PRIMARY KEY,
    size        INTEGER NOT NULL,
    modified_ns INTEGER NOT NULL
);
