package dev.vigil.support.vertx;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * CPU-bound work that may take long (a template render or a validation bounded only by its deadline) run on
 * a worker thread, with the result delivered back on the caller's Vert.x context, so what follows (Hibernate
 * Reactive, the response) runs where it must.
 */
public final class OffEventLoop {

    private OffEventLoop() {
    }

    /** {@code work} on the default worker pool; its item or failure on the context this is called from. */
    public static <T> Uni<T> compute(Supplier<T> work) {
        Executor caller = callersContext();
        return Uni.createFrom().item(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(caller);
    }

    /** Runs tasks on the calling Vert.x context, or in place when called outside one. */
    public static Executor callersContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
