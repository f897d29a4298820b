#!/usr/bin/env bash
# The console's events page over 24 h with a label filter (team=bench), in psql: EXPLAIN (ANALYZE, BUFFERS) of its
# three queries (page of 50, count, count-by/time in 60 buckets) and pgbench of the persister's 100-event insert,
# with the schema before V6 (V5's GIN index, literal labels by containment) and after (ingest.event_labels beside it).
# Two databases seeded alike, <prefix>_v5 and <prefix>_v6 (dropped and re-created); the inserts alternate between
# them, so both see the same load on a shared box. See docs/console.md, "Events over 24 hours with a label".
#   bench/event-labels/run.sh [prefix] [rounds]     (default vigil_labels_bench, 15 rounds of 100 batches)
# PGHOST/PGUSER as for psql (default 127.0.0.1, postgres). Plans are written to plan-*.txt beside this script.
set -euo pipefail
cd "$(dirname "$0")"
PREFIX="${1:-vigil_labels_bench}"
ROUNDS="${2:-15}"
BEFORE="${PREFIX}_v5" AFTER="${PREFIX}_v6"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
MIGRATIONS=../../ingest-service/src/main/resources/db/migration
LABEL_MAX_LENGTH=256
WS=5eed0000-0000-4000-8000-000000000001
q() { local db="$1"; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
migrate() { sed "s/\${label_max_length}/$LABEL_MAX_LENGTH/g" "$2" | q "$1" -c "SET search_path = ingest" -f -; }

create() { # database, migrations...
  local db="$1"; shift
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  q "$db" -c "CREATE SCHEMA ingest"
  for v in "$@"; do migrate "$db" "$MIGRATIONS/$v"; done
}

# As ConsoleRenderBenchIT seeds: 100,000 events 720 ms apart (20 hours), every tenth with team=bench.
seed() {
  q "$1" <<SQL
INSERT INTO ingest.events (workspace_id, id, occurred, event, resource_id, resource, related, payload, follows, received)
SELECT '$WS', gen_random_uuid(), now() - make_interval(secs => i * 0.72), 'bench.console.e' || (i % 20),
       'bench.res.' || (i % 1000),
       jsonb_build_object('prefect.resource.id', 'bench.res.' || (i % 1000),
                          'team', CASE WHEN i % 10 = 0 THEN 'bench' ELSE 'other' END),
       '[]', jsonb_build_object('n', i), NULL, now()
FROM generate_series(0, 99999) AS i;
SQL
}

V5=(V1__events.sql V2__history_indexes.sql V3__webhooks.sql V4__webhook_requests.sql V5__resource_labels_index.sql)
echo "seeding 100,000 events into $BEFORE and $AFTER"
create "$BEFORE" "${V5[@]}"; seed "$BEFORE"
create "$AFTER" "${V5[@]}"; seed "$AFTER"
start=$(date +%s%N); migrate "$AFTER" "$MIGRATIONS/V6__event_labels.sql"
echo "V6 on 100,000 events (the backfill): $(( ($(date +%s%N) - start) / 1000000 )) ms"
for db in "$BEFORE" "$AFTER"; do q "$db" -c "VACUUM (ANALYZE)"; done

SINCE="now() - interval '24 hours'"
WINDOW="e.occurred >= $SINCE AND e.occurred <= now()"
COLUMNS="e.id, e.occurred, e.event, e.resource::text AS resource, e.related::text AS related, e.payload::text AS payload, e.follows, e.received"
BUCKET="floor(extract(epoch FROM (e.occurred - date_trunc('second', $SINCE))) / 1440::float8)::bigint"
TIME_BUCKETS="SELECT b.value, min('') AS label, count(*) AS count, min(b.occurred) AS start_time, max(b.occurred) AS end_time FROM (SELECT $BUCKET AS value, e.occurred FROM"

explain() { # database, name, sql: the fastest of 5 runs (the first warms the cache)
  local best="" plan=""
  for _ in 1 2 3 4 5; do
    local out ms; out="$(q "$1" -At -c "EXPLAIN (ANALYZE, BUFFERS) $3")"
    ms="$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' <<<"$out")"
    if [[ -z "$best" ]] || awk "BEGIN{exit !($ms < $best)}"; then best="$ms"; plan="$out"; fi
  done
  printf '%-26s %8s ms   %s\n' "$2" "$best" "$(grep -m1 -o 'Buffers: shared hit=[0-9]*\( read=[0-9]*\)\?' <<<"$plan")"
  printf '%s\n' "$plan" >"plan-$2.txt"
}

echo "== before: V5 (GIN index on resource, a literal label by containment)"
ROWS_BEFORE="ingest.events e WHERE e.workspace_id = '$WS' AND $WINDOW AND ((e.resource @> '{\"team\":\"bench\"}'::text::jsonb))"
explain "$BEFORE" before-page "SELECT $COLUMNS FROM $ROWS_BEFORE ORDER BY e.occurred DESC, e.id DESC LIMIT 50 OFFSET 0"
explain "$BEFORE" before-count "SELECT count(*) FROM $ROWS_BEFORE"
explain "$BEFORE" before-count-by-time "$TIME_BUCKETS $ROWS_BEFORE OFFSET 0) b GROUP BY 1 ORDER BY 1 ASC"
# Not the console's: the label with a name prefix (11 of the 20 names), which the events must still answer.
PREFIX_NAMES="e.event LIKE ANY('{bench.console.e1%}'::text[])"
explain "$BEFORE" before-count-with-prefix "SELECT count(*) FROM $ROWS_BEFORE AND $PREFIX_NAMES"

echo "== after: V6 (ingest.event_labels; a label with other criteria still by containment)"
ROWS_AFTER="ingest.event_labels e WHERE e.workspace_id = '$WS' AND e.label = 'team' AND e.value = 'bench' AND $WINDOW"
explain "$AFTER" after-page "SELECT $COLUMNS FROM ingest.events e WHERE e.workspace_id = '$WS' AND e.id = ANY(ARRAY(SELECT e.event_id FROM $ROWS_AFTER ORDER BY e.occurred DESC, e.event_id DESC LIMIT 50 OFFSET 0)) ORDER BY e.occurred DESC, e.id DESC"
explain "$AFTER" after-count "SELECT count(*) FROM $ROWS_AFTER"
explain "$AFTER" after-count-by-time "$TIME_BUCKETS $ROWS_AFTER OFFSET 0) b GROUP BY 1 ORDER BY 1 ASC"
# With other criteria a label is still containment over the events (the GIN index stays); the label rows' semi-join
# for comparison (what the V6 migration's comment says about keeping the index).
explain "$AFTER" after-count-with-prefix "SELECT count(*) FROM $ROWS_BEFORE AND $PREFIX_NAMES"
LABEL_IDS="e.id IN (SELECT x.event_id FROM ingest.event_labels x WHERE x.workspace_id = '$WS' AND x.label = 'team' AND x.value = 'bench' AND x.occurred >= $SINCE AND x.occurred <= now())"
explain "$AFTER" semi-join-with-prefix "SELECT count(*) FROM ingest.events e WHERE e.workspace_id = '$WS' AND $WINDOW AND $PREFIX_NAMES AND (($LABEL_IDS))"

latency() { pgbench -n -c 1 -t 100 -f "$2" "$1" 2>&1 | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'; }
stats() { sort -n "$1" | awk '{v[NR]=$1} END {printf "min %s, median %s", v[1], (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "== the persister's insert, ms per 100-event batch, over $ROUNDS alternating rounds of 100 batches"
: >lat-batch; : >lat-before; : >lat-after
for _ in $(seq "$ROUNDS"); do
  latency "$BEFORE" batch-only.sql >>lat-batch
  latency "$BEFORE" insert-before.sql >>lat-before
  latency "$AFTER" insert-after.sql >>lat-after
done
printf '%-44s %s\n' "the generated batch alone" "$(stats lat-batch)"
printf '%-44s %s\n' "before: events + GIN index (V5)" "$(stats lat-before)"
printf '%-44s %s\n' "after: events + GIN index + label rows (V6)" "$(stats lat-after)"
rm -f lat-batch lat-before lat-after
insert_plan() { # database, name, file: EXPLAIN (ANALYZE, BUFFERS, WAL) of one more batch; its time, buffers and WAL
  local out; out="$(q "$1" -At -c "EXPLAIN (ANALYZE, BUFFERS, WAL) $(grep -v '^--' "$3")")"
  printf '%s\n' "$out" >"plan-$2.txt"
  printf '%-22s %8s ms   %s   %s\n' "$2" "$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' <<<"$out")" \
    "$(grep -m1 -o 'Buffers: shared hit=[0-9]*' <<<"$out")" "$(grep -m1 -o 'WAL: records=[0-9]*\( fpi=[0-9]*\)\? bytes=[0-9]*' <<<"$out")"
}
insert_plan "$BEFORE" before-insert insert-before.sql
insert_plan "$AFTER" after-insert insert-after.sql
for db in "$BEFORE" "$AFTER"; do
  q "$db" -At -c "SELECT '$db: events ' || pg_size_pretty(pg_total_relation_size('ingest.events')) || ', event_labels ' || coalesce(pg_size_pretty(pg_total_relation_size(to_regclass('ingest.event_labels'))), '-')"
done
