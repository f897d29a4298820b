package dev.vigil.actuator.action;

import dev.vigil.actuator.delivery.RunSlot;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.Function;

/** Where an action's handler runs: in a running slot taken for it ({@link RunningActions}), or in one held already. */
@FunctionalInterface
public interface SlotScope {

    /** No bound: an action run outside the consumer (a redelivery through the API, a test). */
    SlotScope UNBOUNDED = (workspace, work) -> work.apply(RunSlot.NONE);

    /** Runs {@code work} of an action of {@code workspace} in a slot. */
    Uni<ActionResult> run(UUID workspace, Function<RunSlot, Uni<ActionResult>> work);

    /** A slot of {@code running} (the workspace's share) taken for the handler alone, given back when it is over. */
    static SlotScope takenFrom(RunningActions running) {
        return (workspace, work) -> running.take(workspace).chain(slot -> Uni.createFrom().deferred(() -> work.apply(slot))
                .eventually(slot::release));
    }
}
