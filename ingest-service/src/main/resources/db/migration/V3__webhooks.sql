-- Incoming webhooks. The slug is the unguessable part of the public URL /hooks/{slug}; the
-- signature secret is write-only through the API.
CREATE TABLE webhooks (
    workspace_id      uuid         NOT NULL,
    id                uuid         NOT NULL,
    name              text         NOT NULL,
    description       text         NOT NULL DEFAULT '',
    enabled           boolean      NOT NULL DEFAULT true,
    template          text         NOT NULL,
    slug              text         NOT NULL UNIQUE,
    signature_scheme  text,
    signature_header  text,
    signature_secret  text,
    created           timestamptz  NOT NULL,
    updated           timestamptz  NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
