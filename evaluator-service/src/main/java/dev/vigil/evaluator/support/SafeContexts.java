package dev.vigil.evaluator.support;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs work from a timer or a LISTEN callback on a fresh, safe duplicated context: Hibernate Reactive
 * refuses the plain event-loop context those callbacks run on.
 */
public final class SafeContexts {

    private SafeContexts() {
    }

    public static void run(Vertx vertx, Runnable work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.run());
    }
}
