-- The retry poller looks for due retries per workspace several times a second. The index of V4 held every
-- execution that was ever parked and did not say which were still running, so each poll read and sorted all of
-- them (368 ms with 5,500 parked and 60,000 finished executions). This one holds only the parked ones, by workspace
-- and due time: the poller walks the workspaces that have parked retries and reads each one's oldest due ones.
CREATE INDEX action_executions_parked ON action_executions (workspace_id, retry_at)
    WHERE status = 'running' AND retry_at IS NOT NULL;
DROP INDEX action_executions_due_retries;
