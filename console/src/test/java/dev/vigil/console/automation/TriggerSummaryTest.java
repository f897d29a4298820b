package dev.vigil.console.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.Trigger;
import org.junit.jupiter.api.Test;

/** The plain-English sentence of every trigger type, read from Prefect's JSON as the API returns it. */
class TriggerSummaryTest {

    private static String summary(String json) throws Exception {
        return TriggerSummary.of(VigilJson.mapper().readValue(json, Trigger.class));
    }

    @Test
    void reactiveWithThresholdLabelsWindowAndForEach() throws Exception {
        assertThat(summary("""
                {"type": "event", "expect": ["animal.walked"], "match": {"genus": "Marmota", "species": "monax"},
                 "for_each": ["prefect.resource.id"], "posture": "Reactive", "threshold": 3, "within": 10}"""))
                .isEqualTo("When 3 or more `animal.walked` events from resources with genus Marmota and species monax"
                        + " occur within 10 seconds, per resource");
    }

    @Test
    void reactiveSingleEventOnAResourceIdPattern() throws Exception {
        assertThat(summary("""
                {"type": "event", "expect": ["prefect.flow-run.Failed", "prefect.flow-run.Crashed"],
                 "match": {"prefect.resource.id": "prefect.flow-run.*"}, "posture": "Reactive", "threshold": 1,
                 "within": 0}"""))
                .isEqualTo("When a `prefect.flow-run.Failed` or `prefect.flow-run.Crashed` event from resources"
                        + " matching `prefect.flow-run.*` occurs");
    }

    @Test
    void reactiveWithoutExpectIsAnyEvent() throws Exception {
        assertThat(summary("""
                {"posture": "Reactive", "threshold": 1, "within": 0}"""))
                .isEqualTo("When any event occurs");
    }

    @Test
    void reactiveWithAfterRelatedNegationAndOtherBucketLabels() throws Exception {
        assertThat(summary("""
                {"type": "event", "after": ["job.started"], "expect": ["job.heartbeat"],
                 "match": {"env": ["prod", "!prod-eu"]}, "match_related": {"prefect.resource.role": "flow"},
                 "for_each": ["prefect.resource.id", "env"], "posture": "Reactive", "threshold": 2,
                 "within": 3600}"""))
                .isEqualTo("When 2 or more `job.heartbeat` events from resources with env prod or not prod-eu"
                        + " related to a resource with role flow occur within 1 hour after a `job.started` event,"
                        + " per resource and env");
    }

    @Test
    void proactiveSingleEvent() throws Exception {
        assertThat(summary("""
                {"type": "event", "expect": ["backup.completed"], "match": {"prefect.resource.id": "backup.nightly"},
                 "posture": "Proactive", "threshold": 1, "within": 86400}"""))
                .isEqualTo("When no `backup.completed` event from resources matching `backup.nightly` occurs within"
                        + " 1 day");
    }

    @Test
    void proactiveWithThreshold() throws Exception {
        assertThat(summary("""
                {"type": "event", "expect": ["heartbeat"], "for_each": ["prefect.resource.id"],
                 "posture": "Proactive", "threshold": 5, "within": 300}"""))
                .isEqualTo("When fewer than 5 `heartbeat` events occur within 5 minutes, per resource");
    }

    @Test
    void metric() throws Exception {
        assertThat(summary("""
                {"type": "metric", "match": {"prefect.resource.id": "prefect.deployment.*"}, "posture": "Metric",
                 "metric": {"name": "successes", "threshold": 0.9, "operator": "<", "range": 3600,
                            "firing_for": 600}}"""))
                .isEqualTo("When the successes metric of resources with id `prefect.deployment.*` is below 0.9 over"
                        + " the last 1 hour for 10 minutes");
    }

    @Test
    void compoundAllWithinAWindow() throws Exception {
        assertThat(summary("""
                {"type": "compound", "require": "all", "within": 120, "triggers": [
                  {"type": "event", "expect": ["a.done"], "posture": "Reactive", "threshold": 1, "within": 0},
                  {"type": "event", "expect": ["b.done"], "posture": "Reactive", "threshold": 1, "within": 0}]}"""))
                .isEqualTo("When all of these fire within 2 minutes: (1) a `a.done` event occurs;"
                        + " (2) a `b.done` event occurs");
    }

    @Test
    void compoundWithACount() throws Exception {
        assertThat(summary("""
                {"type": "compound", "require": 2, "within": null, "triggers": [
                  {"expect": ["x"], "posture": "Reactive", "threshold": 1, "within": 0},
                  {"expect": ["y"], "posture": "Reactive", "threshold": 1, "within": 0},
                  {"expect": ["z"], "posture": "Reactive", "threshold": 1, "within": 0}]}"""))
                .startsWith("When 2 of these fire: (1) a `x` event occurs; (2)");
    }

    @Test
    void sequenceInOrder() throws Exception {
        assertThat(summary("""
                {"type": "sequence", "within": 90, "triggers": [
                  {"expect": ["deploy.started"], "posture": "Reactive", "threshold": 1, "within": 0},
                  {"expect": ["deploy.failed"], "posture": "Reactive", "threshold": 1, "within": 0}]}"""))
                .isEqualTo("When these fire in order within 90 seconds: (1) a `deploy.started` event occurs;"
                        + " then (2) a `deploy.failed` event occurs");
    }
}
