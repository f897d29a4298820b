package dev.vigil.evaluator.outbox;

import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.state.OutboxEntry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Publishes committed firings and clears their outbox entries once the broker has them all. A publish
 * that fails does not fail the caller: the entries stay, and the recovery sweep publishes them when
 * their lease is over.
 */
@ApplicationScoped
public class FiringDelivery {

    private final FiringPublisher publisher;
    private final FiringOutbox outbox;

    public FiringDelivery(FiringPublisher publisher, FiringOutbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    /** Publishes the firings; the entries to remove now (none if publishing failed), for the caller to pipeline. */
    public Uni<List<OutboxEntry>> publish(Committed committed) {
        if (committed.firings().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return publisher.publish(committed.firings()).replaceWith(committed.outbox())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Publishing %d committed firings failed (%s); the outbox sweep will publish them",
                            committed.firings().size(), failure.getMessage());
                    return List.of();
                });
    }

    /** Publishes the firings, then removes their entries. */
    public Uni<Void> publishAndClear(Committed committed) {
        return publish(committed).chain(outbox::remove);
    }
}
