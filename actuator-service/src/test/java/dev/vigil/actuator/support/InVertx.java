package dev.vigil.actuator.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive application code from a test thread on a Vert.x context, as a consumer or request would. */
public final class InVertx {

    private InVertx() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
