package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The request history of webhooks ({@code ingest.webhook_requests}): each call is recorded with its
 * headers and query redacted and the webhook's secret removed from the body, then the webhook's rows
 * beyond the newest {@link IngestConfig.Webhooks#historySize()} are pruned. Recording never fails a
 * call: a storage failure is logged and the call answered as usual.
 */
@ApplicationScoped
public class WebhookRequestLog {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, received, method, headers::text AS headers, query::text AS query, "
            + "body, body_truncated, status_code, events::text AS events, error";
    private static final String INSERT = """
            INSERT INTO ingest.webhook_requests (workspace_id, webhook_id, id, received, method, headers, query,
                body, body_truncated, status_code, events, error)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, $9, $10, $11::text::jsonb, $12)""";
    private static final String PRUNE = """
            DELETE FROM ingest.webhook_requests WHERE workspace_id = $1 AND webhook_id = $2 AND id IN (
                SELECT id FROM ingest.webhook_requests WHERE workspace_id = $1 AND webhook_id = $2
                ORDER BY received DESC, id DESC OFFSET $3)""";

    private final Pool pool;
    private final ObjectMapper json;
    private final IngestConfig.Webhooks config;

    public WebhookRequestLog(Pool pool, ObjectMapper json, IngestConfig config) {
        this.pool = pool;
        this.json = json;
        this.config = config.webhooks();
    }

    /** Records a call; {@code events} when it succeeded, {@code error} otherwise. Never fails. */
    public Uni<Void> record(Webhook webhook, IncomingRequest request, int status, List<ReceivedEvent> events,
            String error) {
        Tuple row;
        try {
            row = row(webhook, request, status, events, error);
        } catch (JsonProcessingException e) {
            Log.warnf("Webhook %s request not recorded: %s", webhook.id(), e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(INSERT).execute(row)
                .flatMap(ignored -> pool.preparedQuery(PRUNE)
                        .execute(Tuple.of(webhook.workspaceId(), webhook.id(), config.historySize())))
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("Webhook %s request not recorded: %s", webhook.id(),
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The webhook's stored requests, newest first. */
    public Uni<List<WebhookCall>> recent(UUID workspace, UUID webhookId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ingest.webhook_requests WHERE workspace_id = $1 "
                + "AND webhook_id = $2 ORDER BY received DESC, id DESC LIMIT $3")
                .execute(Tuple.of(workspace, webhookId, config.historySize()))
                .map(rows -> {
                    List<WebhookCall> calls = new ArrayList<>();
                    rows.forEach(r -> calls.add(read(r)));
                    return calls;
                });
    }

    /** One stored request, or null. */
    public Uni<WebhookCall> one(UUID workspace, UUID webhookId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ingest.webhook_requests WHERE workspace_id = $1 "
                + "AND webhook_id = $2 AND id = $3").execute(Tuple.of(workspace, webhookId, id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    private Tuple row(Webhook webhook, IncomingRequest request, int status, List<ReceivedEvent> events,
            String error) throws JsonProcessingException {
        byte[] raw = request.body();
        boolean truncated = raw.length > config.historyBodyBytes();
        String body = new String(truncated ? Arrays.copyOf(raw, config.historyBodyBytes()) : raw,
                StandardCharsets.UTF_8).replace('\0', '\uFFFD');
        String secret = webhook.secret();
        return Tuple.tuple(List.of(webhook.workspaceId(), webhook.id(), EventIds.uuid7(),
                        OffsetDateTime.now(ZoneOffset.UTC), request.method(),
                        IncomingRequest.withoutSecret(json.writeValueAsString(request.redactedHeaders()), secret),
                        IncomingRequest.withoutSecret(json.writeValueAsString(request.redactedQuery()), secret),
                        IncomingRequest.withoutSecret(body, secret), truncated, status))
                .addValue(events == null ? null : json.writeValueAsString(events))
                .addValue(IncomingRequest.withoutSecret(error, secret));
    }

    private WebhookCall read(Row row) {
        try {
            String events = row.getString("events");
            return new WebhookCall(row.getUUID("id"), row.getOffsetDateTime("received"), row.getString("method"),
                    json.readValue(row.getString("headers"), STRINGS), json.readValue(row.getString("query"), STRINGS),
                    row.getString("body"), row.getBoolean("body_truncated"), row.getInteger("status_code"),
                    events == null ? null : json.readTree(events), row.getString("error"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored webhook request is not JSON", e);
        }
    }
}
