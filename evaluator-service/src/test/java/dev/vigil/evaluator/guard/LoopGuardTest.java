package dev.vigil.evaluator.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.support.WorkspaceHeader;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The loop guard with its default depth (3): a firing whose causal chain, itself included, is at most 3 long
 * is acted on and its state event carries the chain; a longer one publishes loop-detected instead of actions.
 */
@QuarkusTest
class LoopGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aChainAtTheLimitIsActedOnAndADeeperOneIsReportedInstead() throws Exception {
        String name = "loop.test." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body("""
                        {"name": "looping", "trigger": {"posture": "Reactive", "expect": ["%s"], "threshold": 1,
                          "within": 0}, "actions": [{"type": "do-nothing"}]}""".formatted(name))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        String upstream1 = UUID.randomUUID().toString();
        String upstream2 = UUID.randomUUID().toString();
        String upstream3 = UUID.randomUUID().toString();
        String resource = "prefect.automation." + automationId;
        try (TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events");
             TopicReader actions = new TopicReader(bootstrap, "actions")) {
            toEvents.send("r", GuardEvents.event(name, "r.1", List.of(upstream1, upstream2)),
                    WorkspaceHeader.of(Workspaces.DEFAULT));

            List<JsonNode> acted = actions.await(m -> automationId.equals(m.path("automation").path("id").asText()),
                    1, WAIT);
            assertThat(acted).hasSize(1);
            List<JsonNode> triggered = events.await(e -> resource.equals(e.path("resource").path("prefect.resource.id")
                    .asText()) && "prefect.automation.triggered".equals(e.path("event").asText()), 1, WAIT);
            assertThat(triggered).singleElement().satisfies(e -> assertThat(
                    e.path("resource").path(CausalChain.LABEL).asText())
                    .isEqualTo(upstream1 + "," + upstream2 + "," + automationId));

            toEvents.send("r", GuardEvents.event(name, "r.1", List.of(upstream1, upstream2, upstream3)),
                    WorkspaceHeader.of(Workspaces.DEFAULT));
            List<JsonNode> loop = events.await(e -> resource.equals(e.path("resource").path("prefect.resource.id")
                    .asText()) && LoopEvents.EVENT.equals(e.path("event").asText()), 1, WAIT);
            assertThat(loop).singleElement().satisfies(e -> {
                assertThat(e.path("payload").path("automation_id").asText()).isEqualTo(automationId);
                assertThat(e.path("payload").path("depth").asInt()).isEqualTo(4);
                assertThat(e.path("payload").path("max_causal_depth").asInt()).isEqualTo(3);
                assertThat(e.path("payload").path("chain")).extracting(JsonNode::asText)
                        .containsExactly(upstream1, upstream2, upstream3, automationId);
            });
            // Barrier, not a pause: a sentinel acted on, sent after the deep event on the same key (so evaluated
            // after it), is seen acted on; an action the deep event caused would be on the topic before it.
            String sentinel = GuardEvents.event(name, "r.1", List.of(upstream1));
            String sentinelId = VigilJson.mapper().readTree(sentinel).path("id").asText();
            toEvents.send("r", sentinel, WorkspaceHeader.of(Workspaces.DEFAULT));
            actions.awaitFirst(m -> sentinelId.equals(m.path("event").path("id").asText()), WAIT);
            assertThat(actions.seen(m -> automationId.equals(m.path("automation").path("id").asText())))
                    .as("acted on: the first event and the sentinel, not the deep one")
                    .extracting(m -> m.path("event").path("id").asText())
                    .hasSize(2).endsWith(sentinelId);
        }
    }

    @Test
    void anAutomationReactingToLoopDetectedEventsIsReportedOnceNotFedALoop() throws Exception {
        String seed = "loop.test.seed." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body("""
                        {"name": "watches loops", "trigger": {"posture": "Reactive", "threshold": 1, "within": 0,
                          "expect": ["%s", "%s"]}, "actions": [{"type": "do-nothing"}]}""".formatted(seed,
                        LoopEvents.EVENT))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        String resource = "prefect.automation." + automationId;
        List<String> deep = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try (TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events");
             TopicReader actions = new TopicReader(bootstrap, "actions")) {
            toEvents.send("r", GuardEvents.event(seed, "r.2", deep), WorkspaceHeader.of(Workspaces.DEFAULT));
            java.util.function.Predicate<JsonNode> itsLoopEvents = e -> resource.equals(
                    e.path("resource").path("prefect.resource.id").asText())
                    && LoopEvents.EVENT.equals(e.path("event").asText());
            assertThat(events.await(itsLoopEvents, 1, WAIT)).hasSize(1);

            // Barrier: the loop-detected event is keyed by the automation's resource; a sentinel on that key is
            // evaluated after it, so once the sentinel is acted on, a second report would be on the topic.
            String sentinel = GuardEvents.event(seed, resource, List.of());
            String sentinelId = VigilJson.mapper().readTree(sentinel).path("id").asText();
            toEvents.send(resource, sentinel, WorkspaceHeader.of(Workspaces.DEFAULT));
            actions.awaitFirst(m -> sentinelId.equals(m.path("event").path("id").asText()), WAIT);
            assertThat(events.readToEnd(itsLoopEvents)).as("loop-detected events after the first").isEmpty();
        }
    }
}
