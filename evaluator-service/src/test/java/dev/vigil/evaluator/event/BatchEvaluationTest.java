package dev.vigil.evaluator.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Live evaluation of a polled batch against the real Redis: one load and one commit for the
 * whole batch give the same firings, in the same order, as evaluating its events one by one, even
 * when the batch touches the same buckets and composite state many times and repeats an event.
 */
@QuarkusTest
class BatchEvaluationTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    /**
     * Now, not a fixed past date: a fired reactive bucket arms a wall-clock timer at its next window's
     * end, and the running timer poll would resolve a past one while the test compares its runs.
     */
    private static final OffsetDateTime T0 = OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0);

    @Inject
    EventEvaluationService evaluation;

    private record Seen(String automation, UUID triggeringEvent, OffsetDateTime at, Map<String, String> labels) {
    }

    private static final String COUNTING = """
            {"name": "counting", "trigger": {"expect": ["PREFIX.pinged"], "match": {"prefect.resource.id": "PREFIX.*"},
              "for_each": ["prefect.resource.id"], "posture": "Reactive", "threshold": 2, "within": 60},
             "actions": [{"type": "do-nothing"}]}""";
    private static final String BOTH = """
            {"name": "both", "trigger": {"type": "compound", "require": "all", "within": 600, "triggers": [
               {"posture": "Reactive", "expect": ["PREFIX.pinged"], "match": {"prefect.resource.id": "PREFIX.*"}},
               {"posture": "Reactive", "expect": ["PREFIX.replied"], "match": {"prefect.resource.id": "PREFIX.*"}}]},
             "actions": [{"type": "do-nothing"}]}""";

    @Test
    void aBatchWithRepeatedKeysFiresAsTheEventsDoOneByOne() {
        String prefix = "batch." + UUID.randomUUID();
        UUID batched = createWorkspaceWithAutomations(prefix);
        UUID oneByOne = createWorkspaceWithAutomations(prefix);
        List<ReceivedEvent> events = events(prefix);

        List<Seen> fromBatch = seen(evaluation.evaluateAndCommit(events.stream()
                .map(e -> new WorkspaceEvent(batched, e)).toList()).await().atMost(AWAIT).firings());
        List<Seen> fromSingles = new ArrayList<>();
        for (ReceivedEvent event : events) {
            fromSingles.addAll(seen(evaluation.evaluateAndCommit(List.of(new WorkspaceEvent(oneByOne, event)))
                    .await().atMost(AWAIT).firings()));
        }

        assertThat(fromBatch).hasSize(4).containsExactlyElementsOf(fromSingles);
        // Redelivered, the batch is counted once: nothing fires again.
        assertThat(evaluation.evaluateAndCommit(events.stream().map(e -> new WorkspaceEvent(batched, e)).toList())
                .await().atMost(AWAIT).firings()).isEmpty();
    }

    /**
     * Two resources pinged in turn, four times each, and two replies: the counting automation fires
     * on the second ping of each resource (its next window opens only after 60 s), the compound one
     * on each reply that follows a ping. One ping is delivered twice and counts once.
     */
    private static List<ReceivedEvent> events(String prefix) {
        List<ReceivedEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(event(prefix + ".pinged", prefix + "." + (i % 2), i));
            if (i == 2 || i == 6) {
                events.add(event(prefix + ".replied", prefix + ".0", i));
            }
        }
        events.add(3, events.get(1));
        return events;
    }

    private static ReceivedEvent event(String name, String resourceId, int second) {
        OffsetDateTime at = T0.plusSeconds(second);
        return new ReceivedEvent(at, name, Resource.of(resourceId), List.of(), Map.of(),
                UUID.nameUUIDFromBytes((name + resourceId + second).getBytes()), null, at);
    }

    private static UUID createWorkspaceWithAutomations(String prefix) {
        UUID workspace = UUID.randomUUID();
        String base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/";
        for (String automation : List.of(COUNTING, BOTH)) {
            given().contentType(ContentType.JSON).body(automation.replace("PREFIX", prefix)).post(base)
                    .then().statusCode(201);
        }
        return workspace;
    }

    private static List<Seen> seen(List<AutomationFiring> firings) {
        return firings.stream().map(f -> new Seen(f.automation().name(), f.firing().triggeringEvent().id(),
                f.firing().triggered(), f.firing().triggeringLabels())).toList();
    }
}
