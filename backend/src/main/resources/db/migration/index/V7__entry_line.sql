-- The line of each entry's "### HH:MM" heading in its file, recorded when the entry is appended, so a search hit
-- points at its line without reading the file. NULL for entries stored before this column existed.
ALTER TABLE events ADD COLUMN line INTEGER;
