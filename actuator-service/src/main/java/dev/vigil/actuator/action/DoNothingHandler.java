package dev.vigil.actuator.action;

import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code do-nothing}: succeeds without any effect. */
@ApplicationScoped
public class DoNothingHandler implements ActionHandler {

    @Override
    public String type() {
        return DoNothing.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        return Uni.createFrom().item(ActionResult.NOTHING);
    }
}
