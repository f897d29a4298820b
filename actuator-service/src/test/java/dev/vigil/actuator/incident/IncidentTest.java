package dev.vigil.actuator.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.DeclareIncident;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** declare-incident records one incident per action in PostgreSQL, emits its events, and the API resolves it. */
@QuarkusTest
class IncidentTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    @Inject
    ActionExecutor executor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private void run(ActionMessage message) {
        InVertx.await(() -> executor.execute(message));
    }

    private static ActionMessage declare(String title, String severity) {
        return Messages.of(new DeclareIncident(title, severity),
                Messages.event(Resource.of("db.primary." + UUID.randomUUID()), List.of()), Map.of());
    }

    private static String incidentOf(ActionMessage message) {
        return given().get("/api/incidents?limit=200").then().statusCode(200).extract().jsonPath()
                .getString("find { it.automation_id == '" + message.automation().id() + "' }.id");
    }

    @Test
    void declaresOnceRendersTheTitleAndEmitsDeclared() {
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            ActionMessage message = declare("{{ event.resource.id }} is down", "critical");
            run(message);
            run(message);
            String id = incidentOf(message);
            assertThat(id).isNotNull();
            given().get("/api/incidents?limit=200").then()
                    .body("findAll { it.automation_id == '" + message.automation().id() + "' }.size()", equalTo(1));
            given().get("/api/incidents/" + id).then().statusCode(200)
                    .body("title", equalTo(message.event().resource().id() + " is down"))
                    .body("severity", equalTo("critical"))
                    .body("status", equalTo("open"))
                    .body("automation_name", equalTo("Ops alert"))
                    .body("triggering_event.id", equalTo(message.event().id().toString()))
                    .body("triggering_event.event", equalTo("external.resource.pinged"))
                    .body("created", notNullValue())
                    .body("resolved", nullValue());
            JsonNode declared = events.awaitFirst(e -> IncidentEvents.DECLARED.equals(e.path("event").asText())
                    && id.equals(e.path("payload").path("id").asText()), EVENT_WAIT);
            assertThat(declared.path("resource").path("prefect.resource.id").asText())
                    .isEqualTo("prefect-cloud.incident." + id);
            assertThat(declared.path("resource").path("prefect-cloud.incident.severity").asText()).isEqualTo("critical");
            assertThat(declared.path("related").toString())
                    .contains("prefect.automation." + message.automation().id())
                    .contains("prefect.event." + message.event().id());
            assertThat(Executions.of(message).getString("status")).isEqualTo("succeeded");
        }
    }

    @Test
    void resolvingEmitsResolvedOnceAndFiltersByStatus() {
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            ActionMessage message = declare(null, null);
            run(message);
            String id = incidentOf(message);
            given().get("/api/incidents/" + id).then()
                    .body("title", equalTo("Incident declared by automation Ops alert"))
                    .body("severity", equalTo("medium"));
            given().get("/api/incidents?status=open&limit=200").then().body("id", hasItem(id));

            given().contentType(ContentType.JSON).body("{\"status\": \"resolved\"}").patch("/api/incidents/" + id)
                    .then().statusCode(200).body("status", equalTo("resolved")).body("resolved", notNullValue());
            given().contentType(ContentType.JSON).body("{\"status\": \"resolved\"}").patch("/api/incidents/" + id)
                    .then().statusCode(200).body("status", equalTo("resolved"));

            given().get("/api/incidents?status=open&limit=200").then().body("id", not(hasItem(id)));
            given().get("/api/incidents?status=resolved&limit=200").then().body("id", hasItem(id));
            events.awaitFirst(e -> IncidentEvents.RESOLVED.equals(e.path("event").asText())
                    && id.equals(e.path("payload").path("id").asText()), EVENT_WAIT);
            // Barrier, not a pause: PATCH answers once its event is published, so reading the topic to its end
            // now sees a second resolved event the repeated PATCH would have published.
            assertThat(events.seen(e -> IncidentEvents.RESOLVED.equals(e.path("event").asText())
                    && id.equals(e.path("payload").path("id").asText()))).hasSize(1);
        }
    }

    @Test
    void badInputIs422NamingTheFieldAndMissingIs404() {
        String missing = UUID.randomUUID().toString();
        given().get("/api/incidents?status=closed").then().statusCode(422)
                .body("exception_detail[0].loc", contains("query", "status"));
        given().contentType(ContentType.JSON).body("{\"status\": \"open\"}").patch("/api/incidents/" + missing)
                .then().statusCode(422).body("exception_detail[0].loc", contains("body", "status"));
        given().contentType(ContentType.JSON).body("{}").patch("/api/incidents/" + missing)
                .then().statusCode(422).body("exception_detail[0].loc", contains("body", "status"));
        given().contentType(ContentType.JSON).body("{\"status\": \"resolved\"}").patch("/api/incidents/" + missing)
                .then().statusCode(404).body("detail", equalTo("Incident not found"));
        given().get("/api/incidents/" + missing).then().statusCode(404);
        given().get("/api/incidents/nope").then().statusCode(422);
    }

    @Test
    void incidentsAreScopedToTheirWorkspace() {
        ActionMessage message = declare("scoped", "low");
        run(message);
        String id = incidentOf(message);
        String other = "/api/accounts/00000000-0000-0000-0000-000000000000/workspaces/" + UUID.randomUUID();
        given().get(other + "/incidents/" + id).then().statusCode(404);
        given().get(other + "/incidents").then().statusCode(200).body("size()", equalTo(0));
    }
}
