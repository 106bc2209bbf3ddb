-- The timeline reads a day through its daily files. An index on the file grows at one point per daily file,
-- where an index on the capture time took a random page write for every event that arrived out of order.
DROP INDEX IF EXISTS events_by_time;
CREATE INDEX events_by_file ON events (file);
