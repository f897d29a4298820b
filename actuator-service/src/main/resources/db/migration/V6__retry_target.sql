-- The target (host and port) of a parked retry's last attempt. The retry poller reads it to leave a retry whose
-- target's circuit is open unrun: that attempt is logged as refused and the retry parked for the next one in the
-- same statement, without a claim, a lease or a running slot (docs/actions.md#retries). Null for actions parked
-- before their first attempt and for action types that call no target.
ALTER TABLE action_executions ADD COLUMN retry_target text;
