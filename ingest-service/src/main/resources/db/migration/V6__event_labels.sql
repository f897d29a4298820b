-- The labels of each event's primary resource, one row per label, in a narrow btree: a literal label filter
-- (resource.labels {"team": "bench"}, the console's events page) is answered from here by index-only scans, its
-- count and its time buckets without reading an event, its page as the newest ids and then those events by key
-- (see EventLabelSql). V5's GIN index answered the same filters with a bitmap scan that read and rechecked every
-- matching event (10,000 events over 2,671 blocks for a day of 100k: ~60 ms per count).
--
-- What is left out, and so still answered from ingest.events (LabelSql):
-- - prefect.resource.id: it is the resource_id column, with its own indexes;
-- - labels that are not JSON strings (a resource's labels are strings; containment of a string never matched them);
-- - a label or value longer than ${label_max_length} characters (vigil.ingest.history.label-max-length): a btree
--   entry must fit in a third of a page (2,704 bytes), and 2 x 256 characters of up to 4 bytes each do. A filter
--   naming such a literal is tested on the events of its range instead. Lowering the setting later is safe;
--   raising it needs the longer labels backfilled as below first.
--
-- The persister writes an event and its label rows in one statement, only for events it actually inserted; the
-- retention vacuum deletes them together by this key (EventPersister, EventVacuum).
CREATE TABLE event_labels (
    workspace_id  uuid         NOT NULL,
    label         text         NOT NULL,
    value         text         NOT NULL,
    occurred      timestamptz  NOT NULL,
    event_id      uuid         NOT NULL,
    PRIMARY KEY (workspace_id, label, value, occurred, event_id)
);

-- Backfill. Like V5's index, this holds off the persister's inserts while it runs (Kafka keeps the events meanwhile).
-- A replica still on the previous version during a rolling upgrade stores events without label rows: after the
-- rollout, run this statement again with ON CONFLICT DO NOTHING (and occurred >= the start of the rollout) to add them.
INSERT INTO event_labels (workspace_id, label, value, occurred, event_id)
SELECT e.workspace_id, l.key, l.value #>> '{}', e.occurred, e.id
FROM events e CROSS JOIN LATERAL jsonb_each(e.resource) AS l
WHERE l.key <> 'prefect.resource.id' AND jsonb_typeof(l.value) = 'string'
  AND length(l.key) <= ${label_max_length} AND length(l.value #>> '{}') <= ${label_max_length};

-- Every filter the GIN index of V5 answered (a literal label value on the primary resource) is answered by
-- event_labels now, except the rare literal over the length cap, which is then tested on the events of its time
-- range. The GIN index cost every insert an update of a posting list per label; it goes.
DROP INDEX IF EXISTS events_resource_labels;
