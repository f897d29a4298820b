package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.support.Uncancellable;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.vertx.OffEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The automations of a workspace. Every change commits with a NOTIFY for the other replicas, then
 * updates this replica's catalog and publishes Prefect's lifecycle event, all of it even if the caller
 * cancels ({@link Uncancellable}). Reads and writes that find nothing return a null item.
 */
@ApplicationScoped
public class AutomationService {

    private final AutomationRepository repository;
    private final AutomationDefinitions definitions;
    private final AutomationCatalog catalog;
    private final EventPublisher events;
    private final AutomationQuota quota;
    private final AutomationTransactions transactions;

    public AutomationService(AutomationRepository repository, AutomationDefinitions definitions,
                             AutomationCatalog catalog, EventPublisher events, AutomationQuota quota,
                             AutomationTransactions transactions) {
        this.transactions = transactions;
        this.repository = repository;
        this.definitions = definitions;
        this.catalog = catalog;
        this.events = events;
        this.quota = quota;
    }

    public Uni<Automation> create(UUID workspaceId, AutomationCreate body) {
        return validated(() -> definitions.forCreate(body), trigger -> {
            AutomationEntity entity = AutomationMapper.newEntity(workspaceId, body, trigger, now());
            return Uncancellable.of(transactions.run(session -> quota.checkInTransaction(session, workspaceId, 1)
                            .chain(() -> session.persist(entity))
                            .call(() -> AutomationChanges.notifyInTransaction(session, entity.id))
                            .replaceWith(entity))
                    .map(AutomationMapper::toModel)
                    .call(automation -> afterChange(workspaceId, "created", automation)));
        });
    }

    public Uni<Automation> find(UUID workspaceId, UUID id) {
        return repository.findInWorkspace(workspaceId, id).map(e -> e == null ? null : AutomationMapper.toModel(e));
    }

    /**
     * PUT: replaces the definition and regenerates trigger ids, which resets evaluation state. {@code ifMatch}
     * (may be null) names the version the caller read; another version fails with {@link StaleVersionException}.
     */
    public Uni<Automation> replace(UUID workspaceId, UUID id, AutomationCreate body, String ifMatch) {
        return validated(() -> definitions.forReplace(body), trigger -> change(workspaceId, id, ifMatch,
                entity -> AutomationMapper.apply(entity, body, trigger, now())));
    }

    /**
     * PATCH: pauses or resumes, keeping trigger ids and so the evaluation state. Resuming checks the stored
     * definition again (off the event loop, before the row is locked); should the definition change meanwhile,
     * the new one is checked again under the lock.
     */
    public Uni<Automation> setEnabled(UUID workspaceId, UUID id, boolean enabled, String ifMatch) {
        if (!enabled) {
            return change(workspaceId, id, ifMatch, entity -> setEnabled(entity, false));
        }
        return repository.findInWorkspace(workspaceId, id).chain(stored -> stored == null ? Uni.createFrom().nullItem()
                : validated(() -> {
                    definitions.forEnable(stored);
                    return stored.updated;
                }, checked -> change(workspaceId, id, ifMatch, entity -> {
                    if (!entity.updated.equals(checked)) {
                        definitions.forEnable(entity);
                    }
                    setEnabled(entity, true);
                })));
    }

    private static void setEnabled(AutomationEntity entity, boolean enabled) {
        entity.enabled = enabled;
        entity.pausedReason = null;
        entity.updated = now();
    }

    /**
     * Validation renders every template of a definition under its deadline, so it runs on a worker thread. The
     * change that follows is shielded from a client that hangs up meanwhile, as the transaction itself is.
     */
    private static <T, R> Uni<R> validated(java.util.function.Supplier<T> validation,
                                           java.util.function.Function<T, Uni<R>> change) {
        return Uncancellable.of(OffEventLoop.compute(validation).chain(value -> change.apply(value)));
    }

    /** Pauses an automation on Vigil's own account (the storm brake), with the reason the API shows. */
    public Uni<Automation> pause(UUID workspaceId, UUID id, String reason) {
        return change(workspaceId, id, null, entity -> {
            entity.enabled = false;
            entity.pausedReason = reason;
            entity.updated = now();
        });
    }

    public Uni<Automation> delete(UUID workspaceId, UUID id, String ifMatch) {
        return Uncancellable.of(transactions.runOnRow(id, session -> AutomationTransactions.lock(session, workspaceId, id)
                        .call(entity -> entity == null ? Uni.createFrom().nullItem()
                                : !AutomationVersion.admits(ifMatch, entity.updated) ? stale()
                                : AutomationTransactions.delete(session, id)
                                        .call(() -> AutomationChanges.notifyInTransaction(session, id))))
                .map(entity -> entity == null ? null : AutomationMapper.toModel(entity))
                .call(deleted -> deleted == null ? Uni.createFrom().nullItem()
                        : afterChange(workspaceId, "deleted", deleted)));
    }

    public Uni<List<Automation>> filter(UUID workspaceId, AutomationFilter filter) {
        return repository.filter(workspaceId, AutomationQuery.of(filter))
                .map(list -> list.stream().map(AutomationMapper::toModel).toList());
    }

    public Uni<Long> count(UUID workspaceId, AutomationFilter filter) {
        return repository.count(workspaceId, AutomationQuery.of(filter));
    }

    public Uni<List<Automation>> relatedTo(UUID workspaceId, String resourceId) {
        return repository.relatedTo(workspaceId, resourceId)
                .map(list -> list.stream().map(AutomationMapper::toModel).toList());
    }

    /** Deletes the automations owned by a resource and created before now; like Prefect, emits no lifecycle events. */
    public Uni<Void> deleteOwnedBy(UUID workspaceId, String resourceId) {
        OffsetDateTime cutoff = now();
        return Uncancellable.of(transactions.run(session -> session.createSelectionQuery(
                        "from AutomationEntity where workspaceId = :workspace and ownerResource = :owner",
                        AutomationEntity.class).setParameter("workspace", workspaceId).setParameter("owner", resourceId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList().chain(owned -> {
            List<AutomationEntity> old = owned.stream().filter(e -> !e.created.isAfter(cutoff)).toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AutomationEntity entity : old) {
                chain = chain.chain(() -> AutomationTransactions.delete(session, entity.id))
                        .chain(() -> AutomationChanges.notifyInTransaction(session, entity.id));
            }
            return chain.map(ignored -> old);
        })).call(deleted -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AutomationEntity entity : deleted) {
                chain = chain.chain(() -> catalog.remove(entity.id));
            }
            return chain;
        }).replaceWithVoid());
    }

    /**
     * Definitions as code: creates or replaces each definition by name in one transaction, and
     * reports what changed. Validates everything first, so a bad definition changes nothing.
     */
    public Uni<ApplyReport> apply(UUID workspaceId, ApplyDocument document) {
        return validated(() -> AutomationApplyValidation.validateAll(definitions, document),
                triggers -> apply(workspaceId, document, triggers));
    }

    private Uni<ApplyReport> apply(UUID workspaceId, ApplyDocument document, List<Trigger> triggers) {
        OffsetDateTime now = now();
        List<AutomationCreate> bodies = document.definitions();
        ApplyReport.Builder report = new ApplyReport.Builder();
        List<Automation> changed = new ArrayList<>();
        List<Automation> deleted = new ArrayList<>();
        return Uncancellable.of(transactions.run(session -> {
            Uni<Void> chain = newNames(session, workspaceId, bodies)
                    .chain(added -> quota.checkInTransaction(session, workspaceId, added));
            for (int i = 0; i < bodies.size(); i++) {
                AutomationCreate body = bodies.get(i);
                Trigger trigger = triggers.get(i);
                chain = chain.chain(() -> AutomationTransactions.lockByName(session, workspaceId, body.name())
                        .chain(found -> {
                    if (found.isEmpty()) {
                        AutomationEntity entity = AutomationMapper.newEntity(workspaceId, body, trigger, now);
                        return session.persist(entity)
                                .call(() -> AutomationChanges.notifyInTransaction(session, entity.id))
                                .invoke(() -> report.created(AutomationMapper.toModel(entity), changed));
                    }
                    AutomationEntity entity = found.get(0);
                    if (AutomationMapper.sameDefinition(entity, body, trigger)) {
                        report.unchanged(AutomationMapper.toModel(entity));
                        return Uni.createFrom().voidItem();
                    }
                    AutomationMapper.apply(entity, body, trigger, now);
                    return AutomationChanges.notifyInTransaction(session, entity.id)
                            .invoke(() -> report.updated(AutomationMapper.toModel(entity), changed));
                }));
            }
            for (String owner : document.owners()) {
                chain = chain.chain(() -> deleteOwnedExcept(session, workspaceId, owner, bodies, report, deleted));
            }
            return chain;
        }).call(() -> publishAll(workspaceId, report, changed))
                .call(() -> publishDeleted(workspaceId, deleted))
                .map(ignored -> report.build()));
    }

    /** A deployment's triggers are listed in full: its automations the document no longer names go. */
    private static Uni<Void> deleteOwnedExcept(Mutiny.Session session, UUID workspaceId, String owner,
                                               List<AutomationCreate> bodies, ApplyReport.Builder report,
                                               List<Automation> deleted) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        bodies.forEach(body -> kept.add(body.name()));
        return session.createSelectionQuery(
                        "from AutomationEntity where workspaceId = :workspace and ownerResource = :owner",
                        AutomationEntity.class)
                .setParameter("workspace", workspaceId)
                .setParameter("owner", owner)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .chain(owned -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (AutomationEntity entity : owned) {
                        if (kept.contains(entity.name)) {
                            continue;
                        }
                        Automation model = AutomationMapper.toModel(entity);
                        chain = chain.chain(() -> AutomationTransactions.delete(session, entity.id))
                                .chain(() -> AutomationChanges.notifyInTransaction(session, entity.id))
                                .invoke(() -> {
                                    report.deleted(model);
                                    deleted.add(model);
                                }).replaceWithVoid();
                    }
                    return chain;
                });
    }

    private Uni<Void> publishDeleted(UUID workspaceId, List<Automation> deleted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Automation automation : deleted) {
            chain = chain.chain(() -> afterChange(workspaceId, "deleted", automation));
        }
        return chain;
    }

    /** How many of the definitions name no automation of the workspace yet (apply creates those). */
    private static Uni<Integer> newNames(Mutiny.Session session, UUID workspaceId, List<AutomationCreate> bodies) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        bodies.forEach(body -> names.add(body.name()));
        return session.createSelectionQuery(
                        "select name from AutomationEntity where workspaceId = :workspace and name in :names", String.class)
                .setParameter("workspace", workspaceId)
                .setParameter("names", names)
                .getResultList()
                .map(existing -> (int) names.stream().filter(name -> !existing.contains(name)).count());
    }

    private Uni<Void> publishAll(UUID workspaceId, ApplyReport.Builder report, List<Automation> changed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Automation automation : changed) {
            String change = report.wasCreated(automation.id()) ? "created" : "updated";
            chain = chain.chain(() -> afterChange(workspaceId, change, automation));
        }
        return chain;
    }

    /** One locked change of a row, refused when {@code ifMatch} names another version; stamps a later version. */
    private Uni<Automation> change(UUID workspaceId, UUID id, String ifMatch,
                                   java.util.function.Consumer<AutomationEntity> edit) {
        return Uncancellable.of(transactions.runOnRow(id, session -> AutomationTransactions.lock(session, workspaceId, id)
                        .call(entity -> {
                            if (entity == null) {
                                return Uni.createFrom().nullItem();
                            }
                            if (!AutomationVersion.admits(ifMatch, entity.updated)) {
                                return stale();
                            }
                            OffsetDateTime previous = entity.updated;
                            edit.accept(entity);
                            entity.updated = AutomationVersion.after(previous, entity.updated);
                            return AutomationChanges.notifyInTransaction(session, id);
                        }))
                .map(entity -> entity == null ? null : AutomationMapper.toModel(entity))
                .call(updated -> updated == null ? Uni.createFrom().nullItem()
                        : afterChange(workspaceId, "updated", updated)));
    }

    private static <T> Uni<T> stale() {
        return Uni.createFrom().failure(new StaleVersionException());
    }

    private Uni<Void> afterChange(UUID workspaceId, String change, Automation automation) {
        Uni<Void> local = "deleted".equals(change) ? catalog.remove(automation.id()) : catalog.put(workspaceId,
                automation);
        return local.chain(() -> events.publish(workspaceId, AutomationEvents.lifecycle(change, automation)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
