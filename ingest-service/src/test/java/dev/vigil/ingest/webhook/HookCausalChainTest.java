package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.causal.CausalSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The loop guard's chain over HTTP: a hook call signed for its own workspace turns into events that carry the
 * chain; a forged, stale or other workspace's signature, and any chain label a client sends, count for nothing.
 */
@QuarkusTest
class HookCausalChainTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TEMPLATE = """
            {"event": "hook.chained", "resource": {"prefect.resource.id": "hook.{{ body.id }}",
             "vigil.causal-chain": "forged-in-template"}}""";

    @Inject
    Pool pool;

    @ConfigProperty(name = "vigil.loop-guard.secret")
    String secret;

    @Test
    void onlyAnAuthenticChainOfTheHooksOwnWorkspaceIsKept() {
        String slug = given().contentType(ContentType.JSON)
                .body("{\"name\": \"loop\", \"template\": %s}".formatted(io.vertx.core.json.Json.encode(TEMPLATE)))
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(201).extract().path("slug");
        CausalSignature signer = new CausalSignature(secret, Duration.ofMinutes(10));
        List<String> chain = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String text = CausalChain.text(chain);

        call(slug, "authentic", text, signer.sign(WORKSPACE, chain, Instant.now()));
        call(slug, "other-workspace", text, signer.sign(UUID.randomUUID(), chain, Instant.now()));
        call(slug, "stale", text, signer.sign(WORKSPACE, chain, Instant.now().minus(Duration.ofHours(1))));
        call(slug, "forged", text, "t=" + Instant.now().getEpochSecond() + ",v1=AAAA");
        call(slug, "shortened", chain.get(1), signer.sign(WORKSPACE, chain, Instant.now()));
        call(slug, "unsigned", null, null);

        await().atMost(STORE_WAIT).until(() -> chainOf("hook.unsigned") != null);
        assertThat(chainOf("hook.authentic")).isEqualTo(text);
        for (String other : List.of("hook.other-workspace", "hook.stale", "hook.forged", "hook.shortened",
                "hook.unsigned")) {
            await().atMost(STORE_WAIT).until(() -> chainOf(other) != null);
            assertThat(chainOf(other)).as(other).isEmpty();
        }
    }

    @Test
    void aChainLabelPostedAsAnEventIsDropped() {
        UUID id = UUID.randomUUID();
        String event = """
                [{"id": "%s", "occurred": "%s", "event": "client.claims.chain",
                  "resource": {"prefect.resource.id": "client.1", "vigil.causal-chain": "a,b,c,d"}}]"""
                .formatted(id, Instant.now());
        given().contentType(ContentType.JSON).body(event).post(workspacePath(WORKSPACE, "/events"))
                .then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> chainOfId(id) != null);
        assertThat(chainOfId(id)).isEmpty();
    }

    private static void call(String slug, String id, String chain, String signature) {
        var request = given().contentType(ContentType.JSON).body("{\"id\": \"" + id + "\"}");
        if (chain != null) {
            request.header(CausalSignature.CHAIN_HEADER, chain).header(CausalSignature.SIGNATURE_HEADER, signature);
        }
        request.post("/hooks/" + slug).then().statusCode(204);
    }

    /** The chain label of the stored event of that resource ("" without one), null while it is not stored. */
    private String chainOf(String resourceId) {
        return first("SELECT coalesce(resource->>'vigil.causal-chain', '') AS chain FROM ingest.events"
                + " WHERE workspace_id = $1 AND resource_id = $2", Tuple.of(WORKSPACE, resourceId));
    }

    private String chainOfId(UUID id) {
        return first("SELECT coalesce(resource->>'vigil.causal-chain', '') AS chain FROM ingest.events"
                + " WHERE workspace_id = $1 AND id = $2", Tuple.of(WORKSPACE, id));
    }

    private String first(String sql, Tuple args) {
        var rows = pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(5));
        for (Row row : rows) {
            return row.getString("chain");
        }
        return null;
    }
}
