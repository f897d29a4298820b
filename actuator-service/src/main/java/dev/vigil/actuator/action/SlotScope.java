package dev.vigil.actuator.action;

import dev.vigil.actuator.delivery.RunSlot;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/** Where an action's handler runs: in a running slot taken for it ({@link RunningActions}), or in one held already. */
@FunctionalInterface
interface SlotScope {

    /** No bound: an action run outside the consumer (a redelivery through the API, a test). */
    SlotScope UNBOUNDED = work -> work.apply(RunSlot.NONE);

    Uni<ActionResult> run(Function<RunSlot, Uni<ActionResult>> work);

    /** A slot of {@code running} taken for the handler alone, given back when it is over. */
    static SlotScope takenFrom(RunningActions running) {
        return work -> running.take().chain(slot -> Uni.createFrom().deferred(() -> work.apply(slot))
                .eventually(slot::release));
    }
}
