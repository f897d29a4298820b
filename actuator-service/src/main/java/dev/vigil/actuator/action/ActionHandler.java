package dev.vigil.actuator.action;

import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;

/**
 * Runs one action type. Expected failures fail the Uni with {@link ActionFailedException}; every
 * outgoing call goes through the delivery layer with {@code delivery}, so it is retried and logged.
 */
public interface ActionHandler {

    /** The {@code type} tag this handler runs. */
    String type();

    Uni<ActionResult> execute(ActionMessage message, Delivery delivery);
}
