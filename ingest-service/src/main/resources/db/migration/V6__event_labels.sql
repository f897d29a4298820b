-- The labels of each event's primary resource, one row per label, in a narrow btree: a filter of nothing but a time
-- window and literal labels (resource.labels {"team": "bench"}, the console's events page) is answered from here by
-- index-only scans, its count and its time buckets without reading an event, its page as the newest ids and then
-- those events by key (see EventLabelSql). V5's GIN index answered them with a bitmap scan that read and rechecked
-- every matching event (10,000 events over 2,671 blocks for a day of 100k: ~60 ms per count under load).
--
-- What is left out, and so still answered from ingest.events:
-- - prefect.resource.id: it is the resource_id column, with its own indexes;
-- - labels that are not JSON strings (a resource's labels are strings; containment of a string never matched them);
-- - a label or value longer than ${label_max_length} characters (vigil.ingest.history.label-max-length): a btree
--   entry must fit in a third of a page (2,704 bytes), and 2 x 256 characters of up to 4 bytes each do. Lowering the
--   setting later is safe; raising it needs the longer labels backfilled as below first.
--
-- The persister writes an event and its label rows in one statement, only for events it actually inserted; the
-- retention vacuum deletes them together by this key (EventPersister, EventVacuum).
--
-- V5's GIN index (events_resource_labels) stays. The label rows give event ids, not where the events are: a label
-- with other criteria on the events (a name prefix, say) must still read the matching events, and the GIN index's
-- bitmap does that in block order (with 10,000 of 100,000 events labelled and a name prefix matching 11 of 20 names,
-- 12-18 ms), where a semi-join with the label rows scanned the events or probed their key once per id (25-38 ms). Its
-- cost on the persister's insert is within the noise of this box (its pending list: 4.5 and 5.4 ms per 100 events
-- with it, 4.9 and 4.6 without, in two runs of 1,500 batches), so LabelSql keeps asking such filters by containment.
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
