package dev.vigil.actuator.block;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** {@code prefect.block-document.created|updated|deleted} in Prefect's shape, secrets never in them. */
@QuarkusTest
class BlockDocumentLifecycleEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET_TOKEN = "secret-path-token-7f3a";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createUpdateAndDeleteEmitPrefectsLifecycleEventsWithoutSecrets() {
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            String name = "pd-" + UUID.randomUUID();
            String body = """
                    {"name": "%s", "block_type_slug": "pager-duty-webhook",
                     "data": {"integration_key": "%s", "source": "billing", "severity": "error"}}"""
                    .formatted(name, SECRET_TOKEN);
            String id = given().contentType(ContentType.JSON).body(body).post("/api/block_documents/")
                    .then().statusCode(201).extract().path("id");
            String typeId = given().get("/api/block_types/slug/pager-duty-webhook").then().extract().path("id");
            String resourceId = "prefect.block-document." + id;

            JsonNode created = events.awaitFirst(e -> isFor(e, resourceId, "created"), WAIT);
            assertThat(created.at("/resource/prefect.resource.name").asText()).isEqualTo(name);
            assertThat(created.at("/payload/name").asText()).isEqualTo(name);
            assertThat(created.at("/payload/data/source").asText()).isEqualTo("billing");
            assertThat(created.at("/payload/data/severity").asText()).isEqualTo("error");
            assertThat(created.at("/payload/data").has("integration_key")).isFalse();
            assertThat(created.at("/payload/block_schema/capabilities/0").asText()).isEqualTo("notify");
            assertThat(created.at("/payload/block_schema/block_type/id").asText()).isEqualTo(typeId);
            assertThat(created.at("/payload/block_schema/block_type/name").asText()).isEqualTo("Pager Duty Webhook");
            assertThat(roles(created)).containsExactly("block-type", "block-schema");
            assertThat(created.at("/related/0/prefect.resource.id").asText()).isEqualTo("prefect.block-type." + typeId);

            given().contentType(ContentType.JSON).body("{\"data\": {\"source\": \"payments\"}}")
                    .patch("/api/block_documents/" + id).then().statusCode(204);
            JsonNode updated = events.awaitFirst(e -> isFor(e, resourceId, "updated"), WAIT);
            assertThat(updated.at("/payload/data/source").asText()).isEqualTo("payments");

            given().queryParam("force", true).delete("/api/block_documents/" + id).then().statusCode(204);
            JsonNode deleted = events.awaitFirst(e -> isFor(e, resourceId, "deleted"), WAIT);
            assertThat(deleted.at("/payload/name").asText()).isEqualTo(name);

            for (JsonNode event : List.of(created, updated, deleted)) {
                assertThat(event.toString()).doesNotContain(SECRET_TOKEN).doesNotContain(BlockSecrets.OBFUSCATED);
            }
        }
    }

    private static boolean isFor(JsonNode event, String resourceId, String change) {
        return event.at("/event").asText().equals(BlockDocumentEvents.PREFIX + change)
                && event.at("/resource/prefect.resource.id").asText().equals(resourceId);
    }

    private static List<String> roles(JsonNode event) {
        List<String> roles = new ArrayList<>();
        event.get("related").forEach(r -> roles.add(r.get("prefect.resource.role").asText()));
        return roles;
    }
}
