-- Per plugin and device: how many events were stored and when the last one arrived. Kept by the writer in the
-- same transaction as the events, so GET /api/v1/plugins never scans the events table.
CREATE TABLE plugin_devices (
    plugin_id TEXT    NOT NULL,
    device_id TEXT    NOT NULL,
    events    INTEGER NOT NULL,
    last_seen REAL    NOT NULL,
    PRIMARY KEY (plugin_id, device_id)
) WITHOUT ROWID;

INSERT INTO plugin_devices (plugin_id, device_id, events, last_seen)
SELECT plugin_id, device_id, count(*), max(received_at) FROM events GROUP BY plugin_id, device_id;
