package dev.vigil.evaluator.timer;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fires the due windows of one workspace, a page at a time: one read of the page's state, one evaluation,
 * one compare-and-set commit (firings to the outbox) and one hand-off of its firings. The first round is one
 * page; once it is full (a backlog), each round has up to {@code timer-pipeline} pages in flight at once, so one page's commit and publishing overlap the next
 * page's read: their members are disjoint (a member is in the due set once), and a composite state two pages
 * share is kept right by the compare-and-set (the later commit re-reads and re-evaluates). Rounds of pages
 * follow each other until nothing is due (or a round makes no progress), so a burst waits for no extra poll.
 */
@ApplicationScoped
class DueWindowSweep {

    /** What one page did: the windows it evaluated, the firings it committed and handed off, and when it committed. */
    record Page(int windows, List<AutomationFiring> firings, Instant committedAt) {
    }

    private final RedisStateRepository state;
    private final TimerCommits commits;
    private final FiringDelivery delivery;
    private final EvaluatorConfig config;
    private final AutomationEvaluator engine = new AutomationEvaluator();
    private final Clock clock = Clock.systemUTC();

    DueWindowSweep(RedisStateRepository state, TimerCommits commits, FiringDelivery delivery, EvaluatorConfig config) {
        this.state = state;
        this.commits = commits;
        this.delivery = delivery;
        this.config = config;
    }

    /** Fires the windows of {@code workspace} due at {@code upTo}; {@code done} hears of each page once handed off. */
    Uni<Void> fire(TriggerIndex index, UUID workspace, Instant upTo, Consumer<Page> done) {
        return round(index, workspace, upTo, done, List.of());
    }

    /**
     * One round of pages. A round that reads exactly the timers (members and due times) of the previous one made no
     * progress and ends the sweep; a window that ended and opened the next one, due too, is progress (same member,
     * later due time), so a chain of windows all due fires in one sweep, as the engine's {@code onTime} does.
     */
    private Uni<Void> round(TriggerIndex index, UUID workspace, Instant upTo, Consumer<Page> done,
                            List<RedisStateRepository.DueTimer> previous) {
        int pageSize = config.timerBatchSize();
        // Pages in flight only once a full page shows a backlog: in steady state one page a poll does.
        int inFlight = previous.isEmpty() ? 1 : Math.max(1, config.timerPipeline());
        int limit = pageSize * inFlight;
        return state.dueTimers(workspace, upTo, limit).chain(members -> {
            if (members.isEmpty() || members.equals(previous)) {
                return Uni.createFrom().voidItem();
            }
            List<List<BucketKey>> pages = new ArrayList<>();
            for (int from = 0; from < members.size(); from += pageSize) {
                pages.add(members.subList(from, Math.min(members.size(), from + pageSize)).stream()
                        .map(due -> RedisKeys.fromTimerMember(workspace, due.member())).toList());
            }
            Uni<Void> round = Multi.createFrom().iterable(pages)
                    .onItem().transformToUni(page -> firePage(index, workspace, page, upTo).invoke(done))
                    .merge(inFlight)
                    .collect().last().replaceWithVoid();
            return round.chain(() -> round(index, workspace, upTo, done, members));
        });
    }

    /** One page; if it fails as a whole, its windows one by one. Never fails. */
    private Uni<Page> firePage(TriggerIndex index, UUID workspace, List<BucketKey> keys, Instant upTo) {
        return commits.commit(index, workspace, touchedBy(index, keys), snapshot -> {
                    List<AutomationFiring> firings = new ArrayList<>();
                    keys.forEach(key -> firings.addAll(engine.onTimer(index, key, upTo, snapshot)));
                    return firings;
                })
                .chain(committed -> {
                    Instant committedAt = clock.instant();
                    return delivery.publishAndClear(committed)
                            .replaceWith(new Page(keys.size(), committed.firings(), committedAt));
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("A page of %d due windows failed together (%s); firing them one by one",
                            keys.size(), e.getMessage());
                    return Multi.createFrom().iterable(keys)
                            .onItem().transformToUniAndConcatenate(key -> fireOne(index, workspace, key, upTo))
                            .collect().asList()
                            .map(each -> new Page(keys.size(), each.stream().flatMap(List::stream).toList(),
                                    clock.instant()));
                });
    }

    private Uni<List<AutomationFiring>> fireOne(TriggerIndex index, UUID workspace, BucketKey key, Instant upTo) {
        return commits.commit(index, workspace, engine.touchedByTimer(index, key),
                        snapshot -> engine.onTimer(index, key, upTo, snapshot))
                .call(delivery::publishAndClear)
                .map(Committed::firings)
                .onFailure().invoke(e -> Log.warnf("Proactive evaluation of %s failed: %s", key, e.getMessage()))
                .onFailure().recoverWithItem(List.of());
    }

    private Touched touchedBy(TriggerIndex index, List<BucketKey> keys) {
        List<BucketKey> buckets = new ArrayList<>(keys.size());
        Set<CompositeKey> composites = new LinkedHashSet<>();
        for (BucketKey key : keys) {
            Touched touched = engine.touchedByTimer(index, key);
            buckets.addAll(touched.buckets());
            composites.addAll(touched.composites());
        }
        return new Touched(buckets, List.copyOf(composites));
    }
}
