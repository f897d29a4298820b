-- Every accepted event, once per (workspace, id): the persister inserts with ON CONFLICT DO NOTHING.
CREATE TABLE events (
    workspace_id  uuid         NOT NULL,
    id            uuid         NOT NULL,
    occurred      timestamptz  NOT NULL,
    event         text         NOT NULL,
    resource_id   text         NOT NULL,
    resource      jsonb        NOT NULL,
    related       jsonb        NOT NULL DEFAULT '[]',
    payload       jsonb        NOT NULL DEFAULT '{}',
    follows       uuid,
    received      timestamptz  NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE INDEX events_workspace_occurred ON events (workspace_id, occurred);
CREATE INDEX events_workspace_event_occurred ON events (workspace_id, event, occurred);
CREATE INDEX events_workspace_resource_occurred ON events (workspace_id, resource_id, occurred);
