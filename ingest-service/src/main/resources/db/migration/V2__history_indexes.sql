-- History queries: prefix filters on names and resource ids (LIKE 'p%'), ordered pages by time,
-- and the retention vacuum, which scans by occurred across workspaces.
CREATE INDEX events_workspace_event_pattern ON events (workspace_id, event text_pattern_ops);
CREATE INDEX events_workspace_resource_pattern ON events (workspace_id, resource_id text_pattern_ops);
CREATE INDEX events_workspace_occurred_id ON events (workspace_id, occurred, id);
CREATE INDEX events_occurred ON events (occurred);
