package dev.vigil.actuator.delivery;

import io.smallrye.mutiny.Uni;

/**
 * The running slot an action holds while it does I/O. Waits that are not I/O (a backoff, a claim held
 * elsewhere, a queue) are made away from it, so a slot is never held by an action that only waits.
 */
public interface RunSlot {

    /** No bound: an action run outside the consumer (a redelivery through the API, a test). */
    RunSlot NONE = new RunSlot() {
        @Override
        public <T> Uni<T> awayDuring(Uni<T> wait) {
            return wait;
        }
    };

    /** Gives the slot up while {@code wait} runs and takes one back before passing its outcome on. */
    <T> Uni<T> awayDuring(Uni<T> wait);
}
