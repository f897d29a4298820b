-- Incidents recorded by declare-incident actions, scoped to a workspace. One per action message
-- (its idempotency key), so a redelivered message never declares a second incident.
CREATE TABLE incidents (
    id                uuid         PRIMARY KEY,
    workspace_id      uuid         NOT NULL,
    idempotency_key   text         NOT NULL,
    title             text         NOT NULL,
    severity          text         NOT NULL,
    status            text         NOT NULL CHECK (status IN ('open', 'resolved')),
    automation_id     uuid         NOT NULL,
    automation_name   text         NOT NULL,
    triggering_event  jsonb,
    created           timestamptz  NOT NULL,
    updated           timestamptz  NOT NULL,
    resolved          timestamptz,
    CONSTRAINT incidents_key_unique UNIQUE (workspace_id, idempotency_key)
);
CREATE INDEX incidents_by_status ON incidents (workspace_id, status, created DESC);
CREATE INDEX incidents_by_time ON incidents (workspace_id, created DESC);
