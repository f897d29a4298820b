package dev.vigil.evaluator.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.support.WorkspaceHeader;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The count quotas at tiny values: automations per workspace, actions per automation, for_each buckets. */
@QuarkusTest
@TestProfile(GuardLimits.class)
class QuotaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String automation(String name, String expect, int actions, String forEach) {
        String action = "{\"type\": \"do-nothing\"}";
        String list = String.join(", ", java.util.Collections.nCopies(actions, action));
        return """
                {"name": "%s", "trigger": {"posture": "Reactive", "expect": ["%s"], "threshold": 1, "within": 0%s},
                 "actions": [%s]}""".formatted(name, expect, forEach == null ? ""
                : ", \"for_each\": [\"" + forEach + "\"]", list);
    }

    @Test
    void aWorkspaceHoldsAtMostItsQuotaOfAutomations() {
        UUID workspace = UUID.randomUUID();
        for (int i = 0; i < GuardLimits.AUTOMATIONS; i++) {
            given().contentType(ContentType.JSON).body(automation("a" + i, "x", 1, null))
                    .post(GuardLimits.path(workspace, "/automations/")).then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body(automation("one-more", "x", 1, null))
                .post(GuardLimits.path(workspace, "/automations/")).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("quota_exceeded"))
                .body("exception_detail[0].msg", containsString("vigil.limits.automations-per-workspace"));
        given().contentType(ContentType.JSON).body(automation("elsewhere", "x", 1, null))
                .post(GuardLimits.path(UUID.randomUUID(), "/automations/")).then().statusCode(201);
    }

    @Test
    void anAutomationHoldsAtMostItsQuotaOfActions() {
        given().contentType(ContentType.JSON).body(automation("busy", "x", GuardLimits.ACTIONS + 1, null))
                .post(GuardLimits.path(UUID.randomUUID(), "/automations/")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "actions")))
                .body("exception_detail[0].type", equalTo("quota_exceeded"))
                .body("exception_detail[0].msg", containsString("vigil.limits.actions-per-automation"));
    }

    @Test
    void eventsForBucketsOverTheQuotaAreNotEvaluatedAndAnEventSaysSo() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "bucket.test." + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(automation("keyed", name, 1, "prefect.resource.id"))
                .post(GuardLimits.path(workspace, "/automations/")).then().statusCode(201).extract().path("id");
        try (TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events");
             TopicReader actions = new TopicReader(bootstrap, "actions")) {
            for (int i = 1; i <= GuardLimits.BUCKETS + 1; i++) {
                toEvents.send("r", GuardEvents.event(name, "r." + i, List.of()), WorkspaceHeader.of(workspace));
            }
            List<JsonNode> notice = events.await(e -> BucketQuota.EVENT.equals(e.path("event").asText())
                    && e.path("payload").path("automation_id").asText().equals(id), 1, WAIT);
            assertThat(notice).singleElement().satisfies(e ->
                    assertThat(e.path("payload").path("limit").asText()).isEqualTo(BucketQuota.LIMIT));
            List<JsonNode> acted = actions.await(m -> id.equals(m.path("automation").path("id").asText()),
                    GuardLimits.BUCKETS + 1, QUIET);
            List<String> live = acted.stream().map(m -> m.path("labels").path("prefect.resource.id").asText())
                    .toList();
            assertThat(live).hasSize(GuardLimits.BUCKETS).doesNotHaveDuplicates();

            // A bucket already live is still evaluated.
            toEvents.send("r", GuardEvents.event(name, live.get(0), List.of()), WorkspaceHeader.of(workspace));
            assertThat(actions.await(m -> id.equals(m.path("automation").path("id").asText()), 1, WAIT)).hasSize(1);
        }
    }
}
