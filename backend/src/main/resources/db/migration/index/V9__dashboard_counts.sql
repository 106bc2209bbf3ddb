-- Per plugin and device, also when the first event arrived and how many deliveries (commits) brought events:
-- (last_seen - first_seen) / (arrivals - 1) is the device's usual interval, and the dashboard warns when a device
-- has been silent for much longer than that.
ALTER TABLE plugin_devices ADD COLUMN first_seen REAL;
ALTER TABLE plugin_devices ADD COLUMN arrivals INTEGER NOT NULL DEFAULT 1;
UPDATE plugin_devices SET first_seen = seen.first, arrivals = seen.arrivals
FROM (SELECT plugin_id, device_id, min(received_at) AS first, count(DISTINCT received_at) AS arrivals
      FROM events WHERE forgotten IS NULL GROUP BY plugin_id, device_id) AS seen
WHERE plugin_devices.plugin_id = seen.plugin_id AND plugin_devices.device_id = seen.device_id;
UPDATE plugin_devices SET first_seen = last_seen WHERE first_seen IS NULL;
-- Events per daily file and source type (two types share the Audio folder), and a day's events in capture order,
-- straight from the index without reading a row: the dashboard's counts, the timeline's and Today's order.
DROP INDEX IF EXISTS events_by_file;
CREATE INDEX events_by_file ON events (file, source_type, captured_at);
