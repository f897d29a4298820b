package dev.vigil.evaluator.automation;

import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.limit.LimitsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code vigil.limits.automations-per-workspace}, checked inside the creating transaction under a transaction
 * advisory lock of the workspace, so concurrent creates cannot pass it together. Over it: 422 naming the limit
 * (waiting does not help, so no 429).
 */
@ApplicationScoped
public class AutomationQuota {

    public static final String LIMIT = "vigil.limits.automations-per-workspace";

    private final int max;

    public AutomationQuota(LimitsConfig config) {
        this.max = config.automationsPerWorkspace();
    }

    /** Fails the session's transaction when {@code adding} more automations would take the workspace over its quota. */
    Uni<Void> checkInTransaction(Mutiny.Session session, UUID workspaceId, int adding) {
        if (max <= 0 || adding == 0) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(:key)) as text)")
                .setParameter("key", "vigil.automations." + workspaceId)
                .getResultList()
                .chain(() -> session.createSelectionQuery(
                                "select count(*) from AutomationEntity where workspaceId = :workspace", Long.class)
                        .setParameter("workspace", workspaceId)
                        .getSingleResult())
                .invoke(count -> {
                    if (count + adding > max) {
                        throw new ValidationProblemException(FieldProblem.body("This workspace has " + count
                                + " automations; " + LIMIT + " allows at most " + max, "quota_exceeded"));
                    }
                })
                .replaceWithVoid();
    }
}
