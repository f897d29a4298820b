-- Configured blocks (webhooks, notification targets), scoped to a workspace. Secret fields are
-- stored here and only ever returned obfuscated.
CREATE TABLE block_documents (
    id               uuid         PRIMARY KEY,
    workspace_id     uuid         NOT NULL,
    name             text         NOT NULL,
    block_type_slug  text         NOT NULL,
    data             jsonb        NOT NULL,
    created          timestamptz  NOT NULL,
    updated          timestamptz  NOT NULL,
    CONSTRAINT block_documents_name_unique UNIQUE (workspace_id, block_type_slug, name)
);
