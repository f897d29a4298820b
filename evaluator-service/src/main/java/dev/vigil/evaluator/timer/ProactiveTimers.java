package dev.vigil.evaluator.timer;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.metric.MetricEvaluation;
import dev.vigil.evaluator.support.SafeContexts;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives proactive triggers, and the resolution of fired reactive buckets, in the live system: each poll
 * opens the first windows of unkeyed triggers and has {@link DueWindowSweep} fire the due windows.
 * Window ends are a Redis sorted set per workspace,
 * so every replica sees the same timers and a restart loses none; each due window is evaluated
 * and committed with the same compare-and-set as events, so two replicas never both fire it. Its
 * firings go to the outbox in the same commit, so they are published even if this process dies first.
 * A window is due once the event-time watermark ({@link EventTimeWatermark}), not just the wall clock,
 * has passed its end, so it is evaluated after the events of its window even while evaluation lags.
 * Metric triggers are evaluated on the same poll, at the same watermark ({@link MetricEvaluation}).
 */
@ApplicationScoped
public class ProactiveTimers {

    private final AutomationCatalog catalog;
    private final TimerCommits commits;
    private final DueWindowSweep sweep;
    private final EvaluatorConfig config;
    private final EventTimeWatermark watermark;
    private final MetricEvaluation metrics;
    private static final Consumer<DueWindowSweep.Page> IGNORED = page -> { };

    private final Clock clock = Clock.systemUTC();
    /**
     * Unkeyed proactive triggers in the index whose first window this process has made sure of. A trigger that
     * leaves the index (its automation switched off, paused by an action, deleted) leaves this set too, so its
     * window is opened again when it comes back: while it was away, its timer came due and was disarmed.
     */
    private final Set<UUID> opened = ConcurrentHashMap.newKeySet();

    private final Vertx vertx;
    private volatile boolean stopped;

    public ProactiveTimers(AutomationCatalog catalog, TimerCommits commits, DueWindowSweep sweep,
                           EvaluatorConfig config, EventTimeWatermark watermark, MetricEvaluation metrics,
                           Vertx vertx) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.commits = commits;
        this.sweep = sweep;
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
                    each(List.copyOf(index.workspaces()), workspace -> sweep.fire(index, workspace, upTo, IGNORED))
                            .chain(() -> metrics.evaluateDue(index, upTo)));
        }).onFailure().invoke(e -> Log.warnf("Proactive timer poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> openFirstWindows(TriggerIndex index, List<TriggerIndex.Entry> proactive) {
        opened.retainAll(proactive.stream().map(e -> e.evaluator().trigger().id()).collect(Collectors.toSet()));
        List<TriggerIndex.Entry> toOpen = proactive.stream()
                .filter(e -> isUnkeyedWithoutAfter(e.evaluator().trigger()))
                .filter(e -> !opened.contains(e.evaluator().trigger().id()))
                .toList();
        return each(toOpen, entry -> {
            BucketKey key = entry.evaluator().unkeyedBucket();
            Touched touched = new Touched(List.of(key), List.of());
            return commits.commit(index, key.workspaceId(), touched, snapshot -> {
                entry.evaluator().onLoad(clock.instant(), snapshot);
                return List.of();
            }).invoke(() -> opened.add(entry.evaluator().trigger().id())).replaceWithVoid();
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
