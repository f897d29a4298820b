-- The delivery log: one row per action message (its idempotency key), and one per attempt of an
-- outgoing call made for it. A failed execution is the dead letter that can be redelivered.
CREATE TABLE action_executions (
    id               uuid         PRIMARY KEY,
    workspace_id     uuid         NOT NULL,
    idempotency_key  text         NOT NULL,
    automation_id    uuid         NOT NULL,
    action_index     integer      NOT NULL,
    action_type      text         NOT NULL,
    status           text         NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    reason           text,
    attempts         integer      NOT NULL DEFAULT 0,
    redeliveries     integer      NOT NULL DEFAULT 0,
    message          jsonb        NOT NULL,
    created          timestamptz  NOT NULL,
    updated          timestamptz  NOT NULL,
    CONSTRAINT action_executions_key_unique UNIQUE (workspace_id, idempotency_key)
);
CREATE INDEX action_executions_by_automation ON action_executions (workspace_id, automation_id, created DESC);
CREATE INDEX action_executions_by_status ON action_executions (workspace_id, status, created DESC);
CREATE INDEX action_executions_by_time ON action_executions (workspace_id, created DESC);

CREATE TABLE action_attempts (
    execution_id      uuid         NOT NULL REFERENCES action_executions (id) ON DELETE CASCADE,
    attempt           integer      NOT NULL,
    generation        integer      NOT NULL,
    started           timestamptz  NOT NULL,
    duration_ms       bigint       NOT NULL,
    request           text         NOT NULL,
    status_code       integer,
    response_excerpt  text,
    error             text,
    outcome           text         NOT NULL CHECK (outcome IN ('succeeded', 'retrying', 'failed')),
    PRIMARY KEY (execution_id, attempt)
);
