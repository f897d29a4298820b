-- Automations, one row each, scoped to a workspace. The trigger and the action lists are JSONB
-- in the shared-model wire format (Prefect's JSON); the three action lists share one object
-- ({"actions": [...], "actions_on_trigger": [...], "actions_on_resolve": [...]}).
CREATE TABLE automations (
    id                  uuid         PRIMARY KEY,
    workspace_id        uuid         NOT NULL,
    name                text         NOT NULL,
    description         text         NOT NULL DEFAULT '',
    enabled             boolean      NOT NULL DEFAULT true,
    tags                text[]       NOT NULL DEFAULT '{}',
    trigger             jsonb        NOT NULL,
    actions             jsonb        NOT NULL,
    owner_resource      text,
    created             timestamptz  NOT NULL,
    updated             timestamptz  NOT NULL
);

CREATE INDEX automations_workspace_name ON automations (workspace_id, name);
CREATE INDEX automations_workspace_updated ON automations (workspace_id, updated);
