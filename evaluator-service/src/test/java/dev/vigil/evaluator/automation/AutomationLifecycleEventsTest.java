package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Every change to an automation reaches the real {@code events} topic as Prefect's lifecycle event. */
@QuarkusTest
class AutomationLifecycleEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createUpdatePatchAndDeleteArePublished() throws Exception {
        String body = """
                {"name": "watched", "trigger": {"posture": "Reactive", "expect": ["a"]},
                 "actions": [{"type": "do-nothing"}]}""";
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            String id = given().contentType(ContentType.JSON).body(body).post("/api/automations/")
                    .then().statusCode(201).extract().path("id");
            given().contentType(ContentType.JSON).body(body.replace("watched", "renamed"))
                    .put("/api/automations/" + id).then().statusCode(204);
            given().contentType(ContentType.JSON).body("{\"enabled\": false}")
                    .patch("/api/automations/" + id).then().statusCode(204);
            given().delete("/api/automations/" + id).then().statusCode(204);

            String resourceId = "prefect.automation." + id;
            List<JsonNode> lifecycle = events.await(
                    e -> resourceId.equals(e.path("resource").path("prefect.resource.id").asText()), 4,
                    Duration.ofSeconds(20));
            assertThat(lifecycle).extracting(e -> e.path("event").asText()).containsExactly(
                    "prefect.automation.created", "prefect.automation.updated", "prefect.automation.updated",
                    "prefect.automation.deleted");
            assertThat(lifecycle.get(1).path("resource").path("prefect.resource.name").asText()).isEqualTo("renamed");
            assertThat(lifecycle.get(2).path("payload").path("enabled").asBoolean()).isFalse();
            assertThat(lifecycle.get(3).path("payload").path("id").asText()).isEqualTo(id);
        }
    }
}
