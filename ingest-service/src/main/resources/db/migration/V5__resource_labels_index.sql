-- Label filters on the primary resource (resource.labels, the console's events page) read every event of the
-- time range and tested each one's labels: 100,000 rows for a day at 100k events a day. A literal label value is
-- now asked as containment (resource @> '{"label": "value"}', see LabelSql), which this index answers, so such a
-- filter reads only the events that carry the label. jsonb_path_ops: smaller than the default operator class and
-- enough for @>.
-- Building it locks the table against inserts (the persister's events wait in Kafka meanwhile). Where the history
-- is large, build it beforehand without that lock, and this migration then leaves it as it is:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS events_resource_labels ON ingest.events USING gin (resource jsonb_path_ops);
CREATE INDEX IF NOT EXISTS events_resource_labels ON events USING gin (resource jsonb_path_ops);
