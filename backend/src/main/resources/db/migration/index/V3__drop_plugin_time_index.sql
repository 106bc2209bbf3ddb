-- Per-plugin stats live in plugin_devices; this index only cost every insert a second random B-tree write.
DROP INDEX IF EXISTS events_by_plugin;
