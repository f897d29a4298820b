-- The last requests of each webhook (bounded by vigil.ingest.webhooks.history-size, older rows are
-- pruned on insert), with credentials redacted, and what they became: the events or the error.
CREATE TABLE webhook_requests (
    workspace_id    uuid         NOT NULL,
    webhook_id      uuid         NOT NULL,
    id              uuid         NOT NULL,
    received        timestamptz  NOT NULL,
    method          text         NOT NULL,
    headers         jsonb        NOT NULL,
    query           jsonb        NOT NULL,
    body            text         NOT NULL,
    body_truncated  boolean      NOT NULL DEFAULT false,
    status_code     integer      NOT NULL,
    events          jsonb,
    error           text,
    PRIMARY KEY (workspace_id, webhook_id, id),
    FOREIGN KEY (workspace_id, webhook_id) REFERENCES webhooks (workspace_id, id) ON DELETE CASCADE
);

CREATE INDEX webhook_requests_newest ON webhook_requests (workspace_id, webhook_id, received DESC, id DESC);
