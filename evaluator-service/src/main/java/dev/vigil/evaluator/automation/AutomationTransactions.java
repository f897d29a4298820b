package dev.vigil.evaluator.automation;

import dev.vigil.support.concurrent.KeyedSequencer;
import dev.vigil.support.concurrent.RowQueueConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The transactions that change automations. Each gets its session passed explicitly, so every step runs on
 * the transaction's own connection whatever thread continues it: 16 parallel deletes once ended with
 * transactions idle in their row locks while their next step waited for a second pool connection, which
 * the lock's other waiters held (no answer, no release, until a restart). Rows are locked when read
 * ({@code FOR UPDATE}), so concurrent changes of one automation run one after the other and the later ones
 * see the earlier ones' result (a deleted automation is a 404, never a stale-row 500).
 */
@ApplicationScoped
class AutomationTransactions {

    private final Mutiny.SessionFactory sessions;
    private final KeyedSequencer<UUID> rows;

    AutomationTransactions(Mutiny.SessionFactory sessions, RowQueueConfig rowQueue) {
        this.sessions = sessions;
        this.rows = rowQueue.sequencer();
    }

    <T> Uni<T> run(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction((session, transaction) -> work.apply(session));
    }

    /**
     * A transaction that locks one automation's row, queued in this process behind the other changes of that
     * automation first: 64 clients changing one automation otherwise held every pool connection waiting for its
     * row lock, and the actuator's reference check (a plain read) timed out waiting for a connection.
     */
    <T> Uni<T> runOnRow(UUID id, Function<Mutiny.Session, Uni<T>> work) {
        return rows.run(id, () -> run(work));
    }

    /** The automation, its row locked until the transaction ends; a null item when absent from the workspace. */
    static Uni<AutomationEntity> lock(Mutiny.Session session, UUID workspaceId, UUID id) {
        return session.createSelectionQuery("from AutomationEntity where workspaceId = :workspace and id = :id",
                        AutomationEntity.class)
                .setParameter("workspace", workspaceId)
                .setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResultOrNull();
    }

    /** The workspace's automations of this name, their rows locked until the transaction ends. */
    static Uni<java.util.List<AutomationEntity>> lockByName(Mutiny.Session session, UUID workspaceId, String name) {
        return session.createSelectionQuery("from AutomationEntity where workspaceId = :workspace and name = :name",
                        AutomationEntity.class)
                .setParameter("workspace", workspaceId)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Removes the (locked) automation by one statement. */
    static Uni<Integer> delete(Mutiny.Session session, UUID id) {
        return session.createMutationQuery("delete from AutomationEntity where id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }
}
