package dev.vigil.support.vertx;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A pause that blocks no thread: completes on a Vert.x timer, so the pipeline goes on on Vert.x (not on
 * Mutiny's default executor, as {@code onItem().delayIt()} would).
 */
public final class VertxDelay {

    private VertxDelay() {
    }

    /** Completes after {@code millis} (at once when it is not positive). */
    public static Uni<Void> of(Vertx vertx, long millis) {
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }
}
