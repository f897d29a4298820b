package dev.vigil.actuator.block;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The blocks actions use: changes through this replica at once, changes made elsewhere within the TTL. */
@QuarkusTest
class BlockCacheTest {

    @Inject
    BlockDocumentService blocks;

    @Inject
    Pool pool;

    @ConfigProperty(name = "vigil.actuator.block-cache.ttl")
    Duration ttl;

    private String url(UUID id) {
        return (String) InVertx.await(() -> blocks.load(Workspaces.DEFAULT, id)).data.get("url");
    }

    @Test
    void anUpdateThroughTheApiIsUsedByTheNextAction() {
        UUID id = Blocks.webhook("http://127.0.0.1:1/old");
        assertThat(url(id)).isEqualTo("http://127.0.0.1:1/old");

        given().contentType(ContentType.JSON).body("{\"data\": {\"url\": \"http://127.0.0.1:1/new\"}}")
                .patch("/api/block_documents/" + id).then().statusCode(204);

        assertThat(url(id)).isEqualTo("http://127.0.0.1:1/new");
    }

    @Test
    void anUpdateByAnotherReplicaIsUsedWithinTheTtl() {
        UUID id = Blocks.webhook("http://127.0.0.1:1/old");
        assertThat(url(id)).isEqualTo("http://127.0.0.1:1/old");

        // What another replica's PATCH leaves in the table, without touching this replica's cache.
        InVertx.await(() -> pool.preparedQuery("UPDATE actuator.block_documents SET data = jsonb_set(data, '{url}', "
                        + "'\"http://127.0.0.1:1/elsewhere\"') WHERE id = $1")
                .execute(Tuple.of(id)));
        // The copy cached before the change expires at most one TTL after it.
        Awaitility.await().pollDelay(ttl).until(() -> true);

        assertThat(url(id)).isEqualTo("http://127.0.0.1:1/elsewhere");
    }

    @Test
    void aDeletedBlockIsNoLongerUsed() {
        UUID id = Blocks.webhook("http://127.0.0.1:1/old");
        assertThat(url(id)).isEqualTo("http://127.0.0.1:1/old");

        given().queryParam("force", true).delete("/api/block_documents/" + id).then().statusCode(204);

        assertThat(InVertx.await(() -> blocks.load(Workspaces.DEFAULT, id))).isNull();
    }
}
