package dev.vigil.evaluator.support;

import io.smallrye.mutiny.Uni;

/**
 * Shields work from its subscriber's cancellation, as when an HTTP client goes away mid-request.
 * Cancelling a Hibernate Reactive transaction half-way closes its session under the running
 * statement (HHH000099, then HR000090) and rolls back a change the client may already count on;
 * shielded, the change commits and only the answer is lost.
 */
public final class Uncancellable {

    private Uncancellable() {
    }

    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
