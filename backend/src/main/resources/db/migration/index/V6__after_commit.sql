-- The store's after-commit log is generic: a task of some kind (today only "recall", owned by the conversation
-- package) with a payload its owner reads. Written with the events (the commit point), applied after their
-- Markdown, re-applied at start-up after a crash, then deleted. Rows of the old recall log move over as they are.
CREATE TABLE after_commit (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    payload BLOB NOT NULL
);
INSERT INTO after_commit (id, kind, payload)
SELECT id, 'recall', CAST(json_object('file', file, 'advancement_key', advancement_key, 'lines', lines,
       'turns', turns, 'max_bytes', max_bytes) AS BLOB)
FROM pending_recalls;
DROP TABLE pending_recalls;
-- The header of a new file, logged with each append, so recovery can re-create a file that vanished without
-- knowing what kind of note it is. NULL in rows written before this column existed.
ALTER TABLE pending_appends ADD COLUMN header BLOB;
