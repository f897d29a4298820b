package dev.vigil.evaluator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sweep takes several rounds of pages in flight at once; two sweeps of the same due windows at the same
 * time (two replicas) still fire each silent window exactly once, and leave no due timer behind.
 */
@QuarkusTest
class DueWindowSweepTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Duration AWAIT = Duration.ofMinutes(2);

    @Inject
    DueWindowSweep sweep;

    @Inject
    EventEvaluationService evaluation;

    @Inject
    EvaluatorConfig config;

    @Inject
    RedisDataSource redis;

    @Test
    void twoConcurrentSweepsOfManyPagesFireEachSilentWindowOnce() {
        int windows = config.timerBatchSize() * config.timerPipeline() * 2 + 7;
        UUID workspace = UUID.randomUUID();
        EventTrigger trigger = new EventTrigger(UUID.randomUUID(),
                new ResourceSpecification(Map.of(Resource.ID, "svc.*")), null, List.of("svc.started"),
                List.of("svc.beat"), List.of(Resource.ID), Posture.Proactive, 1, WITHIN);
        Automation automation = new Automation(UUID.randomUUID(), null, null, "sweep", null, true, null, trigger,
                List.of(), null, null);
        TriggerIndex index = new TriggerIndex(List.of(new TriggerIndex.Indexed(workspace, automation)));
        OffsetDateTime armedAt = Instant.now().minus(WITHIN).minusSeconds(5).atOffset(ZoneOffset.UTC);
        List<WorkspaceEvent> events = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            events.add(new WorkspaceEvent(workspace, event("svc.started", i, armedAt, 2L * i)));
            if (i % 3 != 0) {
                events.add(new WorkspaceEvent(workspace, event("svc.beat", i, armedAt.plusSeconds(1), 2L * i + 1)));
            }
        }
        for (int from = 0; from < events.size(); from += 500) {
            evaluation.evaluateAndCommit(index, events.subList(from, Math.min(events.size(), from + 500)))
                    .await().atMost(AWAIT);
        }

        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        Instant now = Instant.now();
        Uni.join().all(
                        sweep.fire(index, workspace, now, page -> page.firings().forEach(f ->
                                fired.add(f.firing().triggeringLabels().get(Resource.ID)))),
                        sweep.fire(index, workspace, now, page -> page.firings().forEach(f ->
                                fired.add(f.firing().triggeringLabels().get(Resource.ID)))))
                .andFailFast().await().atMost(AWAIT);

        Set<String> silent = IntStream.range(0, windows).filter(i -> i % 3 == 0).mapToObj(i -> "svc." + i)
                .collect(Collectors.toSet());
        assertThat(fired).hasSize(silent.size()).doesNotHaveDuplicates();
        assertThat(Set.copyOf(fired)).isEqualTo(silent);
        assertThat(redis.sortedSet(String.class).zcard(RedisKeys.timers(workspace))).isZero();
    }

    private static ReceivedEvent event(String name, int resource, OffsetDateTime occurred, long serial) {
        return new ReceivedEvent(occurred, name, Resource.of("svc." + resource), List.of(), Map.of(),
                new UUID(0x5eedL, serial), null, occurred);
    }
}
