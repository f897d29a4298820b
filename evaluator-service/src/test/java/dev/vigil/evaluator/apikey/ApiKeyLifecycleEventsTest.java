package dev.vigil.evaluator.apikey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Creating and revoking a key publish Prefect Cloud's audit events, which never carry the key. */
@QuarkusTest
class ApiKeyLifecycleEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createdAndRevokedKeysArePublishedWithoutTheKey() throws Exception {
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            Response created = given().contentType(ContentType.JSON)
                    .body("{\"name\": \"audited key\", \"role\": \"read\"}").post("/api/api_keys");
            created.then().statusCode(201);
            String id = created.jsonPath().getString("id");
            String key = created.jsonPath().getString("key");
            given().delete("/api/api_keys/" + id).then().statusCode(204);

            String resourceId = ApiKeyEvents.PREFIX + id;
            List<JsonNode> lifecycle = events.await(
                    e -> resourceId.equals(e.path("resource").path("prefect.resource.id").asText()), 2,
                    Duration.ofSeconds(20));
            assertThat(lifecycle).extracting(e -> e.path("event").asText())
                    .containsExactly("prefect-cloud.api-key.created", "prefect-cloud.api-key.deleted");
            assertThat(lifecycle.get(0).path("resource").path("prefect.resource.name").asText())
                    .isEqualTo("audited key");
            assertThat(lifecycle.get(0).path("payload").path("role").asText()).isEqualTo("read");
            assertThat(lifecycle).allSatisfy(e -> assertThat(e.toString()).doesNotContain(key));
        }
    }
}
