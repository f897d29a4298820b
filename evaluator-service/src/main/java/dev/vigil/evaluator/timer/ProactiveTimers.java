package dev.vigil.evaluator.timer;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.RedisStateRepository;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.outbox.OutboxEntry;
import dev.vigil.evaluator.support.SafeContexts;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.evaluator.watermark.EventTimeWatermark;
import dev.vigil.model.trigger.EventTrigger;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Drives proactive triggers, and the resolution of fired reactive buckets, in the live system.
 * Window ends are a Redis sorted set per workspace,
 * so every replica sees the same timers and a restart loses none; each due window is evaluated
 * and committed with the same compare-and-set as events, so two replicas never both fire it. Its
 * firings go to the outbox in the same commit, so they are published even if this process dies first.
 * A window is due once the event-time watermark ({@link EventTimeWatermark}), not just the wall clock,
 * has passed its end, so it is evaluated after the events of its window even while evaluation lags.
 */
@ApplicationScoped
public class ProactiveTimers {

    private final AutomationCatalog catalog;
    private final RedisStateRepository state;
    private final FiringOutbox outbox;
    private final FiringDelivery delivery;
    private final EvaluatorConfig config;
    private final EventTimeWatermark watermark;
    private final AutomationEvaluator engine = new AutomationEvaluator();
    private final Clock clock = Clock.systemUTC();
    /** Unkeyed proactive triggers whose first window this process has made sure of. */
    private final Set<UUID> opened = ConcurrentHashMap.newKeySet();

    private final Vertx vertx;
    private volatile boolean stopped;

    public ProactiveTimers(AutomationCatalog catalog, RedisStateRepository state, FiringOutbox outbox,
                           FiringDelivery delivery, EvaluatorConfig config, EventTimeWatermark watermark,
                           Vertx vertx) {
        this.catalog = catalog;
        this.state = state;
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        this.watermark = watermark;
        this.vertx = vertx;
    }

    /**
     * Polls on a Vert.x timer, each poll a fixed interval after the previous one ended (so polls never
     * overlap). Quarkus's scheduler cannot go below one second, and a window's firing must come
     * within a second of its end.
     */
    void start(@Observes StartupEvent starting) {
        scheduleNextPoll();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    private void scheduleNextPoll() {
        if (stopped) {
            return;
        }
        vertx.setTimer(config.timerPollInterval().toMillis(), timer -> {
            SafeContexts.run(vertx, () -> poll().subscribe().with(done -> scheduleNextPoll(),
                    failure -> scheduleNextPoll()));
        });
    }

    Uni<Void> poll() {
        return catalog.index().chain(index -> {
            // Reactive buckets that fired arm timers too (their next window's end resolves them).
            return openFirstWindows(index, index.proactive()).chain(watermark::upTo).chain(upTo ->
                    each(List.copyOf(index.workspaces()), workspace -> fireDueWindows(index, workspace, upTo)));
        }).onFailure().invoke(e -> Log.warnf("Proactive timer poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> openFirstWindows(TriggerIndex index, List<TriggerIndex.Entry> proactive) {
        List<TriggerIndex.Entry> toOpen = proactive.stream()
                .filter(e -> isUnkeyedWithoutAfter(e.evaluator().trigger()))
                .filter(e -> !opened.contains(e.evaluator().trigger().id()))
                .toList();
        return each(toOpen, entry -> {
            BucketKey key = entry.evaluator().unkeyedBucket();
            Touched touched = new Touched(List.of(key), List.of());
            return commitWithRetry(index, key.workspaceId(), touched, config.casRetries(), snapshot -> {
                entry.evaluator().onLoad(clock.instant(), snapshot);
                return List.of();
            }).invoke(() -> opened.add(entry.evaluator().trigger().id())).replaceWithVoid();
        });
    }

    /**
     * Fires the windows of {@code workspace} due at {@code upTo} (the event-time watermark, at most now), a
     * page at a time: one read of the page's state, one evaluation, one commit and one hand-off of its
     * firings. Pages follow each other until the due set is drained (or a page makes no progress), so a
     * burst of due windows waits for no extra poll.
     */
    private Uni<Void> fireDueWindows(TriggerIndex index, UUID workspace, Instant upTo) {
        return fireDuePage(index, workspace, upTo, List.of());
    }

    private Uni<Void> fireDuePage(TriggerIndex index, UUID workspace, Instant now, List<String> previous) {
        int pageSize = config.timerBatchSize();
        return state.dueTimers(workspace, now, pageSize).chain(members -> {
            if (members.isEmpty() || members.equals(previous)) {
                return Uni.createFrom().voidItem();
            }
            List<BucketKey> keys = members.stream().map(member -> RedisKeys.fromTimerMember(workspace, member)).toList();
            Uni<Void> page = commitWithRetry(index, workspace, touchedByTimers(index, keys), config.casRetries(),
                    snapshot -> {
                        List<AutomationFiring> firings = new ArrayList<>();
                        keys.forEach(key -> firings.addAll(engine.onTimer(index, key, now, snapshot)));
                        return firings;
                    })
                    .chain(delivery::publishAndClear)
                    .onFailure().recoverWithUni(e -> {
                        Log.warnf("A page of %d due windows failed together (%s); firing them one by one",
                                keys.size(), e.getMessage());
                        return each(keys, key -> fireOne(index, workspace, key, now));
                    });
            return members.size() < pageSize ? page : page.chain(() -> fireDuePage(index, workspace, now, members));
        });
    }

    private Uni<Void> fireOne(TriggerIndex index, UUID workspace, BucketKey key, Instant now) {
        return commitWithRetry(index, workspace, engine.touchedByTimer(index, key), config.casRetries(),
                snapshot -> engine.onTimer(index, key, now, snapshot))
                .chain(delivery::publishAndClear);
    }

    private Touched touchedByTimers(TriggerIndex index, List<BucketKey> keys) {
        List<BucketKey> buckets = new ArrayList<>();
        List<CompositeKey> composites = new ArrayList<>();
        for (BucketKey key : keys) {
            Touched touched = engine.touchedByTimer(index, key);
            buckets.addAll(touched.buckets());
            composites.addAll(touched.composites());
        }
        return new Touched(buckets, composites.stream().distinct().toList());
    }

    private Uni<Committed> commitWithRetry(TriggerIndex index, UUID workspace, Touched touched,
                                                        int retriesLeft,
                                                        Function<dev.vigil.evaluator.bucket.StateSnapshot,
                                                                List<AutomationFiring>> evaluation) {
        return state.load(workspace, null, touched).chain(loaded -> {
            List<AutomationFiring> firings = evaluation.apply(loaded.snapshot());
            List<OutboxEntry> entries = outbox.entriesFor(firings);
            return state.commit(workspace, null, loaded.snapshot(), index.longestWithin(), entries)
                    .chain(result -> switch (result) {
                        case OK -> Uni.createFrom().item(new Committed(firings, entries));
                        case DUPLICATE -> Uni.createFrom().item(Committed.NOTHING);
                        case CONFLICT -> retriesLeft > 0
                                ? commitWithRetry(index, workspace, touched, retriesLeft - 1, evaluation)
                                : Uni.createFrom().failure(new IllegalStateException(
                                        "timer state kept changing under concurrent evaluation"));
                    });
        });
    }

    private static boolean isUnkeyedWithoutAfter(EventTrigger trigger) {
        return trigger.forEach().isEmpty() && trigger.after().isEmpty();
    }

    /** Runs {@code step} for each item in turn; one failing item does not stop the others. */
    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item).replaceWithVoid()
                    .onFailure().invoke(e -> Log.warnf("Proactive evaluation of %s failed: %s", item, e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return chain;
    }
}
