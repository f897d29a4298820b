package dev.vigil.ingest.webhook;

import dev.vigil.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Webhooks in {@code ingest.webhooks}; a null item means not found. */
@ApplicationScoped
public class WebhookStore {

    /** 24 random bytes: a 32-character URL-safe slug nobody can guess. */
    private static final int SLUG_BYTES = 24;
    private static final String COLUMNS = "workspace_id, id, name, description, enabled, template, slug, "
            + "signature_scheme, signature_header, signature_secret, created, updated";

    private final SecureRandom random = new SecureRandom();
    private final Pool pool;
    private final String hooksBase;

    public WebhookStore(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.hooksBase = config.publicUrl().replaceAll("/+$", "") + "/hooks/";
    }

    public Uni<Webhook> create(UUID workspace, WebhookRequest request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WebhookRequest.Signature sig = request.signature();
        return one("INSERT INTO ingest.webhooks (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                + "$11, $11) RETURNING " + COLUMNS, Tuple.from(List.of(workspace, UUID.randomUUID(),
                        request.name(), description(request), enabled(request), request.template(), newSlug()))
                .addValue(sig == null ? null : sig.scheme().name())
                .addValue(sig == null ? null : sig.header())
                .addValue(sig == null ? null : sig.secret())
                .addValue(now));
    }

    /** Replaces the editable fields; a signature without a secret keeps the stored one. */
    public Uni<Webhook> replace(UUID workspace, UUID id, WebhookRequest request) {
        WebhookRequest.Signature sig = request.signature();
        return one("UPDATE ingest.webhooks SET name = $3, description = $4, enabled = $5, template = $6, "
                + "signature_scheme = $7, signature_header = $8, "
                + "signature_secret = CASE WHEN $7::text IS NULL THEN NULL ELSE coalesce($9, signature_secret) END, "
                + "updated = $10 WHERE workspace_id = $1 AND id = $2 RETURNING " + COLUMNS,
                Tuple.from(List.of(workspace, id, request.name(), description(request), enabled(request),
                        request.template()))
                        .addValue(sig == null ? null : sig.scheme().name())
                        .addValue(sig == null ? null : sig.header())
                        .addValue(sig == null ? null : sig.secret())
                        .addValue(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    public Uni<Webhook> rotate(UUID workspace, UUID id) {
        return one("UPDATE ingest.webhooks SET slug = $3, updated = $4 WHERE workspace_id = $1 AND id = $2 "
                + "RETURNING " + COLUMNS, Tuple.of(workspace, id, newSlug(), OffsetDateTime.now(ZoneOffset.UTC)));
    }

    public Uni<Webhook> get(UUID workspace, UUID id) {
        return one("SELECT " + COLUMNS + " FROM ingest.webhooks WHERE workspace_id = $1 AND id = $2",
                Tuple.of(workspace, id));
    }

    public Uni<Webhook> bySlug(String slug) {
        return one("SELECT " + COLUMNS + " FROM ingest.webhooks WHERE slug = $1", Tuple.of(slug));
    }

    public Uni<List<Webhook>> list(UUID workspace) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ingest.webhooks WHERE workspace_id = $1 "
                + "ORDER BY created, id").execute(Tuple.of(workspace)).map(rows -> {
                    List<Webhook> all = new ArrayList<>();
                    rows.forEach(row -> all.add(read(row)));
                    return all;
                });
    }

    /** The deleted webhook; a null item when there was none. */
    public Uni<Webhook> delete(UUID workspace, UUID id) {
        return one("DELETE FROM ingest.webhooks WHERE workspace_id = $1 AND id = $2 RETURNING " + COLUMNS,
                Tuple.of(workspace, id));
    }

    private Uni<Webhook> one(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params)
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    private Webhook read(Row row) {
        SignatureScheme scheme = SignatureScheme.fromColumn(row.getString("signature_scheme"));
        String slug = row.getString("slug");
        return new Webhook(row.getUUID("id"), row.getUUID("workspace_id"), row.getString("name"),
                row.getString("description"), row.getBoolean("enabled"), row.getString("template"), slug,
                hooksBase + slug, scheme == null ? null
                        : new Webhook.SignatureView(scheme, row.getString("signature_header")),
                row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("signature_secret"));
    }

    private String newSlug() {
        byte[] bytes = new byte[SLUG_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String description(WebhookRequest request) {
        return request.description() == null ? "" : request.description();
    }

    private static boolean enabled(WebhookRequest request) {
        return request.enabled() == null || request.enabled();
    }
}
