package dev.vigil.evaluator.metric;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Metric triggers in the live evaluator, against the real Redis: flow-run state events go through the live
 * event path into the trigger's runs, and the periodic evaluation fires and resolves with the metric's value.
 * Times are a day ahead of the wall clock, so the background poll (which evaluates at the watermark, about
 * now) sees none of these runs and never evaluates after the test's own evaluations.
 */
@QuarkusTest
class MetricTriggerLiveTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final String DEPLOYMENT = "prefect.deployment." + UUID.randomUUID();

    @Inject
    EventEvaluationService evaluation;

    @Inject
    MetricEvaluation metrics;

    @Inject
    FlowRunRepository runs;

    @Inject
    AutomationCatalog catalog;

    @Inject
    RedisDataSource redis;

    private final Instant t0 = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    private static String path(UUID workspace) {
        return "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/";
    }

    private static String automation(String metric) {
        return """
                {"name": "metric", "trigger": {"type": "metric", "posture": "Metric",
                  "match": {"prefect.resource.id": "prefect.flow-run.*"},
                  "match_related": {"prefect.resource.role": "deployment", "prefect.resource.id": "DEPLOYMENT"},
                  "metric": METRIC},
                 "actions": [{"type": "do-nothing"}]}""".replace("DEPLOYMENT", DEPLOYMENT).replace("METRIC", metric);
    }

    private ReceivedEvent flowRun(String run, String state, String type, long seconds, String deployment) {
        OffsetDateTime at = t0.plusSeconds(seconds).atOffset(ZoneOffset.UTC);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, "prefect.flow-run." + UUID.nameUUIDFromBytes(run.getBytes()));
        labels.put("prefect.state-type", type);
        labels.put("prefect.state-timestamp", at.toString());
        return new ReceivedEvent(at, "prefect.flow-run." + state, new Resource(labels),
                List.of(new RelatedResource(Map.of(Resource.ID, deployment, Resource.ROLE, "deployment"))),
                Map.of(), UUID.randomUUID(), null, at);
    }

    private MetricTriggerEvaluator created(UUID workspace, String metric) {
        String triggerId = given().contentType(ContentType.JSON).body(automation(metric)).post(path(workspace))
                .then().statusCode(201).extract().path("trigger.id");
        MetricTriggerEvaluator[] found = new MetricTriggerEvaluator[1];
        await().atMost(AWAIT).until(() -> {
            found[0] = catalog.index().await().atMost(AWAIT).metricByTriggerId(UUID.fromString(triggerId));
            return found[0] != null;
        });
        return found[0];
    }

    private List<Firing> evaluateAt(MetricTriggerEvaluator metric, long seconds) {
        return metrics.evaluate(metric, t0.plusSeconds(seconds)).await().atMost(AWAIT).stream()
                .map(AutomationFiring::firing).toList();
    }

    @Test
    void flowRunEventsOfTheSelectedRunsFireTheTriggerWithItsValueAndItsEndResolvesIt() {
        UUID workspace = UUID.randomUUID();
        MetricTriggerEvaluator metric = created(workspace,
                "{\"name\": \"successes\", \"operator\": \"<\", \"threshold\": 0.9, \"range\": 600, \"firing_for\": 300}");
        evaluation.evaluate(List.of(
                new WorkspaceEvent(workspace, flowRun("a", "Running", "RUNNING", 0, DEPLOYMENT)),
                new WorkspaceEvent(workspace, flowRun("a", "Completed", "COMPLETED", 60, DEPLOYMENT)),
                new WorkspaceEvent(workspace, flowRun("b", "Failed", "FAILED", 60, DEPLOYMENT)),
                // another deployment's failures are not this trigger's
                new WorkspaceEvent(workspace, flowRun("c", "Failed", "FAILED", 60, "prefect.deployment.other"))))
                .await().atMost(AWAIT);
        assertThat(runs.runs(metric.key()).await().atMost(AWAIT)).hasSize(2);

        assertThat(evaluateAt(metric, 75)).isEmpty();
        assertThat(evaluateAt(metric, 300)).isEmpty();
        List<Firing> fired = evaluateAt(metric, 375);
        assertThat(fired).singleElement().satisfies(firing -> {
            assertThat(firing.triggerState()).isEqualTo(FiringState.Triggered);
            assertThat(firing.triggeringValue()).isEqualTo(0.5);
        });
        // evaluated again within the interval (another replica's poll): nothing
        assertThat(evaluateAt(metric, 380)).isEmpty();
        assertThat(evaluateAt(metric, 600)).isEmpty();
        // the finishes at 60 leave the 600 s range at 660
        assertThat(evaluateAt(metric, 675)).singleElement()
                .satisfies(firing -> assertThat(firing.triggerState()).isEqualTo(FiringState.Resolved));

        long watchTtl = redis.key().pttl(RedisKeys.metricWatch(metric.key()));
        assertThat(watchTtl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2 * 900).plusMinutes(20).toMillis());
        long runsTtl = redis.key().pttl(RedisKeys.metricRuns(metric.key()));
        assertThat(runsTtl).isPositive().isLessThanOrEqualTo(metric.retention().toMillis());
    }

    @Test
    void theRedisMergeAgreesWithTheEnginesForEventsInAnyOrderAndKeepsTheRunsBounded() {
        UUID workspace = UUID.randomUUID();
        MetricTriggerEvaluator metric = created(workspace,
                "{\"name\": \"duration\", \"operator\": \">\", \"threshold\": 60}");
        List<ReceivedEvent> events = List.of(flowRun("a", "Scheduled", "SCHEDULED", 0, DEPLOYMENT),
                flowRun("a", "Running", "RUNNING", 10, DEPLOYMENT), flowRun("a", "Failed", "FAILED", 20, DEPLOYMENT),
                flowRun("a", "Retrying", "RUNNING", 30, DEPLOYMENT),
                flowRun("a", "Completed", "COMPLETED", 40, DEPLOYMENT),
                flowRun("a", "Crashed", "CRASHED", 40, DEPLOYMENT));
        InMemoryMetricState expected = new InMemoryMetricState();
        events.forEach(event -> metric.record(event, expected));
        List<ReceivedEvent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events);
        Collections.shuffle(shuffled, new Random(7));
        for (ReceivedEvent event : shuffled) {
            runs.record(metric.key(), metric.observe(event).orElseThrow(), metric.retention(), 3)
                    .await().atMost(AWAIT);
        }
        assertThat(runs.runs(metric.key()).await().atMost(AWAIT))
                .containsExactlyElementsOf(expected.runs(metric.key()));

        for (int i = 0; i < 4; i++) {
            runs.record(metric.key(), metric.observe(flowRun("r" + i, "Running", "RUNNING", 100 + i, DEPLOYMENT))
                    .orElseThrow(), metric.retention(), 3).await().atMost(AWAIT);
        }
        // three runs at most: the least recently seen go first
        assertThat(runs.runs(metric.key()).await().atMost(AWAIT)).extracting(FlowRun::seen)
                .containsExactlyInAnyOrder(t0.plusSeconds(101), t0.plusSeconds(102), t0.plusSeconds(103));
        assertThat(redis.sortedSet(String.class).zcard(RedisKeys.metricRunsSeen(metric.key()))).isEqualTo(3);
        // a run seen a retention later makes the others forgotten
        long later = metric.retention().toSeconds() + 102;
        runs.record(metric.key(), metric.observe(flowRun("late", "Running", "RUNNING", later, DEPLOYMENT))
                .orElseThrow(), metric.retention(), 3).await().atMost(AWAIT);
        assertThat(runs.runs(metric.key()).await().atMost(AWAIT)).extracting(FlowRun::seen)
                .containsExactlyInAnyOrder(t0.plusSeconds(102), t0.plusSeconds(103), t0.plusSeconds(later));
    }

    @Test
    void aBadMetricFieldIsA422NamingIt() {
        given().contentType(ContentType.JSON)
                .body(automation("{\"name\": \"failures\", \"operator\": \"<\", \"threshold\": 1}"))
                .post(path(UUID.randomUUID()))
                .then().statusCode(422).body("exception_detail.loc", hasItem(List.of("body", "trigger", "metric", "name")));
    }

    @Test
    void stateShowsTheWatchAndTheRunsAndExplainShowsTheRunAnEventChangesWithoutRecordingIt() throws Exception {
        UUID workspace = UUID.randomUUID();
        MetricTriggerEvaluator metric = created(workspace,
                "{\"name\": \"successes\", \"operator\": \"<\", \"threshold\": 0.9, \"range\": 600}");
        evaluation.evaluate(List.of(
                new WorkspaceEvent(workspace, flowRun("a", "Completed", "COMPLETED", 0, DEPLOYMENT)),
                new WorkspaceEvent(workspace, flowRun("b", "Failed", "FAILED", 0, DEPLOYMENT)))).await().atMost(AWAIT);
        assertThat(evaluateAt(metric, 15)).isEmpty();
        String automation = path(workspace) + metric.automation().id();
        given().get(automation + "/state").then().statusCode(200)
                .body("metric.trigger_id", org.hamcrest.Matchers.equalTo(metric.trigger().id().toString()))
                .body("metric.runs", org.hamcrest.Matchers.equalTo(2))
                .body("metric.state", org.hamcrest.Matchers.equalTo("Resolved"))
                .body("metric.last_value", org.hamcrest.Matchers.equalTo(0.5f))
                .body("metric.holding_since", org.hamcrest.Matchers.startsWith(
                        t0.plusSeconds(15).toString().substring(0, 19)));

        ReceivedEvent failed = flowRun("c", "Failed", "FAILED", 30, DEPLOYMENT);
        given().contentType(ContentType.JSON)
                .body(dev.vigil.model.json.VigilJson.mapper().writeValueAsString(failed))
                .post(automation + "/explain").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("record"))
                .body("metric.run_after.outcome", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("metric.metric", org.hamcrest.Matchers.equalTo("successes"));
        given().contentType(ContentType.JSON)
                .body(dev.vigil.model.json.VigilJson.mapper().writeValueAsString(
                        flowRun("d", "Failed", "FAILED", 30, "prefect.deployment.other")))
                .post(automation + "/explain").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("nothing"))
                .body("metric.reason", org.hamcrest.Matchers.containsString("match_related"));
        assertThat(runs.runs(metric.key()).await().atMost(AWAIT)).hasSize(2);
    }
}
