package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import io.quarkus.hibernate.reactive.panache.common.WithSessionOnDemand;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The enabled automations this evaluator runs, as a {@link TriggerIndex}. Loaded in full at
 * start and on every reconcile tick; local changes apply at once.
 */
@ApplicationScoped
public class AutomationCatalog {

    private final AutomationRepository repository;
    private final AtomicReference<Map<UUID, TriggerIndex.Indexed>> automations = new AtomicReference<>(Map.of());
    private final AtomicReference<TriggerIndex> index = new AtomicReference<>(TriggerIndex.EMPTY);
    private final Uni<TriggerIndex> firstLoad;
    private final AtomicLong reloadsStarted = new AtomicLong();
    private long reloadsApplied;

    public AutomationCatalog(AutomationRepository repository) {
        this.repository = repository;
        this.firstLoad = Uni.createFrom().deferred(this::reload).memoize().indefinitely();
    }

    /** The current index, once the first full load has happened. */
    public Uni<TriggerIndex> index() {
        return firstLoad.map(ignored -> index.get());
    }

    @Scheduled(every = "${vigil.evaluator.reconcile-interval}", delayed = "${vigil.evaluator.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return reload().replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf(e, "Reconciling automations failed; keeping the current set"))
                .onFailure().recoverWithNull();
    }

    /** Reloads every enabled automation; a reload that finishes after a newer one is discarded. */
    @WithSessionOnDemand
    Uni<TriggerIndex> reload() {
        long generation = reloadsStarted.incrementAndGet();
        return repository.listEnabled().map(entities -> {
            Map<UUID, TriggerIndex.Indexed> loaded = new HashMap<>();
            entities.forEach(e -> {
                TriggerIndex.Indexed item = new TriggerIndex.Indexed(e.workspaceId, AutomationMapper.toModel(e));
                if (isIndexable(item)) {
                    loaded.put(e.id, item);
                }
            });
            return replaceIfNewer(generation, loaded);
        });
    }

    Uni<Void> put(UUID workspaceId, Automation automation) {
        return firstLoad.invoke(() -> update(current -> {
            TriggerIndex.Indexed item = new TriggerIndex.Indexed(workspaceId, automation);
            if (automation.enabled() && isIndexable(item)) {
                current.put(automation.id(), item);
            } else {
                current.remove(automation.id());
            }
        })).replaceWithVoid();
    }

    Uni<Void> remove(UUID automationId) {
        return firstLoad.invoke(() -> update(current -> current.remove(automationId))).replaceWithVoid();
    }

    /**
     * The index is shared by every workspace: one automation stored before a validation rule existed
     * must not stop the others from being evaluated.
     */
    private static boolean isIndexable(TriggerIndex.Indexed item) {
        try {
            new TriggerIndex(List.of(item));
            return true;
        } catch (RuntimeException e) {
            Log.errorf(e, "Automation %s of workspace %s cannot be evaluated and is skipped",
                    item.automation().id(), item.workspaceId());
            return false;
        }
    }

    private synchronized void update(java.util.function.Consumer<Map<UUID, TriggerIndex.Indexed>> change) {
        Map<UUID, TriggerIndex.Indexed> copy = new HashMap<>(automations.get());
        change.accept(copy);
        replace(copy);
    }

    private synchronized TriggerIndex replaceIfNewer(long generation, Map<UUID, TriggerIndex.Indexed> loaded) {
        if (generation < reloadsApplied) {
            return index.get();
        }
        reloadsApplied = generation;
        return replace(loaded);
    }

    private synchronized TriggerIndex replace(Map<UUID, TriggerIndex.Indexed> loaded) {
        automations.set(Map.copyOf(loaded));
        TriggerIndex rebuilt = new TriggerIndex(loaded.values());
        index.set(rebuilt);
        return rebuilt;
    }
}
