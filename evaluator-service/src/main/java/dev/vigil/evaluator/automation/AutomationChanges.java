package dev.vigil.evaluator.automation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Tells every evaluator replica that an automation changed: a PostgreSQL NOTIFY sent inside the
 * changing transaction, so it is delivered only if the change commits.
 */
final class AutomationChanges {

    static final String CHANNEL = "vigil_automation_changes";

    private AutomationChanges() {
    }

    static Uni<Void> notifyInTransaction(UUID automationId) {
        return Panache.getSession().chain(session -> notifyInTransaction(session, automationId));
    }

    /** The same, on the given session (the transaction's). */
    static Uni<Void> notifyInTransaction(Mutiny.Session session, UUID automationId) {
        return session.createNativeQuery("select cast(pg_notify(:channel, :payload) as text)")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", automationId.toString())
                .getResultList()
                .replaceWithVoid();
    }
}
