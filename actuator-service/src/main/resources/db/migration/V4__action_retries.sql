-- Retries leave the actions stream: an execution whose call failed retryably with attempts left is parked here
-- (status stays 'running') until retry_at, when the retry poller runs attempt retry_attempt. While a replica runs
-- a parked retry, retry_at is its lease: past it, another replica takes the retry over (docs/actions.md#retries).
ALTER TABLE action_executions
    ADD COLUMN retry_at      timestamptz,
    ADD COLUMN retry_attempt integer NOT NULL DEFAULT 1;
CREATE INDEX action_executions_due_retries ON action_executions (retry_at) WHERE retry_at IS NOT NULL;
