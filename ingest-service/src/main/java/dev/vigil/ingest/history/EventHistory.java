package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.event.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the stored events of a workspace. */
@ApplicationScoped
public class EventHistory {

    private final Pool pool;
    private final ObjectMapper json;
    private final int labelMaxLength;

    public EventHistory(Pool pool, ObjectMapper json, IngestConfig config) {
        this.pool = pool;
        this.json = json;
        this.labelMaxLength = config.history().labelMaxLength();
    }

    /**
     * One page of matching events, in the filter's order (ties broken by id). When the filter is only a window and
     * literal labels, the page's ids come from the label rows alone (an index-only scan in that order), and only
     * those events are read, by key.
     */
    public Uni<List<ReceivedEvent>> page(UUID workspace, EventFilter filter, int limit, long offset) {
        SqlParams params = new SqlParams();
        String direction = filter.order() == EventFilter.Order.ASC ? "ASC" : "DESC";
        String order = " ORDER BY e.occurred " + direction + ", e.id " + direction;
        String sql;
        if (EventLabelSql.answersAlone(filter, labelMaxLength)) {
            sql = "SELECT " + EventRows.COLUMNS + " FROM ingest.events e WHERE e.workspace_id = "
                    + params.add(workspace) + " AND e.id = ANY(ARRAY(SELECT e.event_id FROM "
                    + EventLabelSql.rows(workspace, filter, params) + " ORDER BY e.occurred " + direction
                    + ", e.event_id " + direction + " LIMIT " + params.add(limit) + " OFFSET " + params.add(offset)
                    + "))" + order;
        } else {
            sql = "SELECT " + EventRows.COLUMNS + " FROM " + EventFilterSql.source(workspace, filter, params) + order
                    + " LIMIT " + params.add(limit) + " OFFSET " + params.add(offset);
        }
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<ReceivedEvent> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.add(EventRows.read(row, json));
            }
            return events;
        });
    }

    public Uni<Long> count(UUID workspace, EventFilter filter) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM " + countable(workspace, filter, params);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Counts in time buckets: rows of the bucket number ({@code bucketSql}, an expression of {@code e.occurred}), an
     * empty label, the count and the first and last occurred. The buckets are numbered in a subquery the planner
     * keeps apart ({@code OFFSET 0}), so it does not take every event's time for a group of its own (which made it
     * sort all the events of the range, on disk beyond {@code work_mem}) and hashes them into the few buckets instead.
     */
    Uni<List<Row>> timeBuckets(UUID workspace, EventFilter filter, String bucketSql, SqlParams params) {
        String sql = "SELECT b.value, min('') AS label, count(*) AS count, min(b.occurred) AS start_time, "
                + "max(b.occurred) AS end_time FROM (SELECT " + bucketSql + " AS value, e.occurred FROM "
                + countable(workspace, filter, params) + " OFFSET 0) b GROUP BY 1 ORDER BY 1 ASC";
        return rows(sql, params);
    }

    /**
     * A row source with one row per matching event and its {@code e.occurred}: the label rows alone when the filter
     * is only a window and literal labels (counted by an index-only scan), else the events.
     */
    private String countable(UUID workspace, EventFilter filter, SqlParams params) {
        return EventLabelSql.answersAlone(filter, labelMaxLength) ? EventLabelSql.rows(workspace, filter, params)
                : EventFilterSql.source(workspace, filter, params);
    }

    /** Rows grouped by the {@code value} expression ({@code label} must be an aggregate): value, label, count, first and last occurred. */
    Uni<List<Row>> grouped(UUID workspace, EventFilter filter, String valueSql, String labelSql, String orderSql,
            SqlParams params) {
        String sql = "SELECT " + valueSql + " AS value, " + labelSql + " AS label, count(*) AS count, "
                + "min(e.occurred) AS start_time, max(e.occurred) AS end_time FROM "
                + EventFilterSql.source(workspace, filter, params) + " GROUP BY 1 ORDER BY " + orderSql;
        return rows(sql, params);
    }

    private Uni<List<Row>> rows(String sql, SqlParams params) {
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<Row> all = new ArrayList<>(rows.size());
            rows.forEach(all::add);
            return all;
        });
    }
}
