-- The SHA-256 of each entry's bytes as appended: an entry is found again by it when a person's edits moved it
-- (forget cuts it out of its file; the line and offset of the others are kept right). NULL before this version.
ALTER TABLE events ADD COLUMN entry_hash BLOB;
-- Each forget, content-free: when, and how many events it took. Its id orders forgets for the search index.
CREATE TABLE forgets (
    id        INTEGER PRIMARY KEY,
    at        REAL    NOT NULL,
    events    INTEGER NOT NULL
);
-- A forgotten event keeps only its dedup key, kinds and ids (a tombstone: no data, no raw_ref, no place), so a
-- plugin's replay of it is skipped as a duplicate. NULL for a live event, else the forget that took it.
ALTER TABLE events ADD COLUMN forgotten INTEGER REFERENCES forgets (id);
CREATE INDEX events_forgotten ON events (forgotten) WHERE forgotten IS NOT NULL;
-- The cuts a forget makes in the daily files, logged with its tombstones (the commit point), applied right
-- after, re-applied at start after a crash; each is checked against the hash of the bytes it removes.
CREATE TABLE pending_cuts (
    id          INTEGER PRIMARY KEY,
    file        TEXT    NOT NULL,
    file_offset INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    sha256      BLOB    NOT NULL
);
