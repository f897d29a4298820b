package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.support.SafeContexts;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.support.vertx.OffEventLoop;
import dev.vigil.support.vertx.VertxDelay;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The enabled automations this evaluator runs, as a {@link TriggerIndex}. Loaded in full at start,
 * on every reconcile tick and when the change listener (re)connects; otherwise each change applies
 * alone: local ones at once, other replicas' ones when their notification names them.
 * <p>
 * Nothing is evaluated before the first full load: a first load that fails (the database full or slow, as
 * beside a loaded system) is tried again with a growing pause until it succeeds, and what waits for it
 * (batches of events, timers, sweeps) waits meanwhile instead of failing; {@link CatalogReadiness} is DOWN
 * until then. Building the index from a full load is CPU work proportional to the automations, so it runs
 * off the event loop.
 */
@ApplicationScoped
public class AutomationCatalog {

    private final AutomationRepository repository;
    private final Vertx vertx;
    private final EvaluatorConfig.LoadRetry retry;
    private final int pageSize;
    private final AtomicReference<TriggerIndex> index = new AtomicReference<>(TriggerIndex.EMPTY);
    private final Uni<Void> firstLoad;
    private volatile boolean loaded;
    private final AtomicLong fullLoads = new AtomicLong();
    private final AtomicLong loadsStarted = new AtomicLong();
    private long loadsApplied;
    /**
     * For each full load under way, the automations changed one by one since it read the database: its
     * (older) copy of them must not undo those changes. Guarded by {@code this}.
     */
    private final List<Set<UUID>> changedDuringLoads = new ArrayList<>();

    public AutomationCatalog(AutomationRepository repository, EvaluatorConfig config, Vertx vertx) {
        this.repository = repository;
        this.vertx = vertx;
        this.retry = config.loadRetry();
        this.pageSize = config.loadPageSize();
        // Remembers that the first load happened, not its index: that would pin the first snapshot forever.
        // Never a failure: one remembered would leave this replica unable to evaluate anything until restarted.
        this.firstLoad = Uni.createFrom().deferred(() -> loadUntilDone(retry.initialBackoff()))
                .invoke(() -> loaded = true).memoize().indefinitely();
    }

    /** The first full load starts with the process, not with the first event, so readiness reflects it. */
    void start(@Observes StartupEvent starting) {
        SafeContexts.run(vertx, () -> firstLoad.subscribe().with(
                ignored -> Log.debugf("Automations loaded: %d", index.get().size()),
                failure -> Log.errorf(failure, "Loading the automations failed")));
    }

    /** The current index, once the first full load has happened. */
    public Uni<TriggerIndex> index() {
        return firstLoad.map(ignored -> index.get());
    }

    /** Whether the first full load is over, so this replica can evaluate. */
    public boolean loaded() {
        return loaded;
    }

    private Uni<Void> loadUntilDone(Duration backoff) {
        return reload().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf("Loading the automations failed (%s); trying again in %s", failure.getMessage(), backoff);
            Duration next = backoff.multipliedBy(2);
            return VertxDelay.of(vertx, backoff.toMillis()).chain(() -> loadUntilDone(
                    next.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : next));
        });
    }

    @Scheduled(every = "${vigil.evaluator.reconcile-interval}", delayed = "${vigil.evaluator.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return reload().replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf(e, "Reconciling automations failed; keeping the current set"))
                .onFailure().recoverWithNull();
    }

    /**
     * Reads every enabled automation, a page at a time, and applies only the differences to the index,
     * so a change whose notification was lost is caught up without rebuilding everything, and only the
     * automations that differ are held beyond their page. A load that finishes after a newer one is
     * discarded.
     */
    Uni<TriggerIndex> reload() {
        long generation = loadsStarted.incrementAndGet();
        Set<UUID> changedMeanwhile = startLoad();
        FullLoad load = new FullLoad();
        return readPages(load, null)
                .chain(ignored -> OffEventLoop.compute(() -> applyLoad(generation, changedMeanwhile, load)))
                .onTermination().invoke(() -> endLoad(changedMeanwhile));
    }

    /** What a full load found: every enabled id, and the automations that differ from the index. */
    private static final class FullLoad {
        final Set<UUID> seen = new HashSet<>();
        final Map<UUID, TriggerIndex.Indexed> differing = new LinkedHashMap<>();
    }

    private Uni<Void> readPages(FullLoad load, UUID after) {
        return repository.listEnabledAfter(after, pageSize).chain(page -> {
            TriggerIndex current = index.get();
            for (AutomationEntity entity : page) {
                load.seen.add(entity.id);
                TriggerIndex.Indexed item = new TriggerIndex.Indexed(entity.workspaceId, AutomationMapper.toModel(entity));
                if (!sameAutomation(current.automation(entity.id), item)) {
                    load.differing.put(entity.id, item);
                }
            }
            return page.size() < pageSize ? Uni.createFrom().voidItem()
                    : readPages(load, page.get(page.size() - 1).id);
        });
    }

    /** How many full loads have finished; a replica that follows changes one by one does not add to it. */
    long fullLoads() {
        return fullLoads.get();
    }

    /** Re-reads these automations (changed through some replica) and applies what the database now says. */
    Uni<Void> refresh(Collection<UUID> automationIds) {
        List<UUID> ids = List.copyOf(automationIds);
        return firstLoad.chain(() -> repository.findByIds(ids)).invoke(entities -> {
            Map<UUID, TriggerIndex.Indexed> found = new LinkedHashMap<>();
            entities.forEach(e -> found.put(e.id, new TriggerIndex.Indexed(e.workspaceId,
                    AutomationMapper.toModel(e))));
            List<TriggerIndex.Indexed> upserts = new ArrayList<>();
            List<UUID> removals = new ArrayList<>();
            for (UUID id : ids) {
                TriggerIndex.Indexed item = found.get(id);
                if (item != null && item.automation().enabled()) {
                    upserts.add(item);
                } else {
                    removals.add(id);
                }
            }
            change(upserts, removals);
        }).replaceWithVoid();
    }

    Uni<Void> put(UUID workspaceId, Automation automation) {
        return firstLoad.invoke(() -> {
            TriggerIndex.Indexed item = new TriggerIndex.Indexed(workspaceId, automation);
            if (automation.enabled()) {
                change(List.of(item), List.of());
            } else {
                change(List.of(), List.of(automation.id()));
            }
        }).replaceWithVoid();
    }

    Uni<Void> remove(UUID automationId) {
        return firstLoad.invoke(() -> change(List.of(), List.of(automationId))).replaceWithVoid();
    }

    private synchronized void change(List<TriggerIndex.Indexed> upserts, List<UUID> removals) {
        TriggerIndex current = index.get();
        List<TriggerIndex.Indexed> changed = upserts.stream()
                .filter(item -> !sameAutomation(current.automation(item.automation().id()), item)).toList();
        List<UUID> gone = removals.stream().filter(id -> current.automation(id) != null).toList();
        for (Set<UUID> load : changedDuringLoads) {
            upserts.forEach(item -> load.add(item.automation().id()));
            load.addAll(removals);
        }
        if (!changed.isEmpty() || !gone.isEmpty()) {
            index.set(current.apply(changed, gone));
        }
    }

    private synchronized Set<UUID> startLoad() {
        // Read outside the lock by applyLoad while change() adds to it.
        Set<UUID> changedMeanwhile = ConcurrentHashMap.newKeySet();
        changedDuringLoads.add(changedMeanwhile);
        return changedMeanwhile;
    }

    private synchronized void endLoad(Set<UUID> changedMeanwhile) {
        changedDuringLoads.remove(changedMeanwhile);
    }

    /**
     * Applies a full load to the index. It runs on a worker thread and builds the new index outside the lock,
     * so that change(), called on event loops, never waits for it; a change that lands meanwhile is in
     * {@code changedMeanwhile} and the build is done again on top of it.
     */
    private TriggerIndex applyLoad(long generation, Set<UUID> changedMeanwhile, FullLoad load) {
        try {
            while (true) {
                TriggerIndex current = index.get();
                synchronized (this) {
                    if (generation < loadsApplied) {
                        return current;
                    }
                }
                TriggerIndex updated = withLoad(current, changedMeanwhile, load);
                synchronized (this) {
                    if (generation < loadsApplied) {
                        return index.get();
                    }
                    if (index.get() == current) {
                        loadsApplied = generation;
                        index.set(updated);
                        return updated;
                    }
                }
            }
        } finally {
            fullLoads.incrementAndGet();
        }
    }

    private static TriggerIndex withLoad(TriggerIndex current, Set<UUID> changedMeanwhile, FullLoad load) {
        List<UUID> removals = new ArrayList<>();
        for (TriggerIndex.Indexed held : current.automations()) {
            UUID id = held.automation().id();
            if (!load.seen.contains(id) && !changedMeanwhile.contains(id)) {
                removals.add(id);
            }
        }
        List<TriggerIndex.Indexed> upserts = new ArrayList<>();
        load.differing.forEach((id, item) -> {
            if (!changedMeanwhile.contains(id) && !sameAutomation(current.automation(id), item)) {
                upserts.add(item);
            }
        });
        return upserts.isEmpty() && removals.isEmpty() ? current : current.apply(upserts, removals);
    }

    private static boolean sameAutomation(TriggerIndex.Indexed held, TriggerIndex.Indexed item) {
        return held != null && held.workspaceId().equals(item.workspaceId())
                && Objects.equals(held.automation(), item.automation());
    }
}
