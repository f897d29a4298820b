package dev.vigil.actuator.action;

import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;

/** Picks the handler for an action's type. */
@ApplicationScoped
public class ActionDispatcher {

    private final Map<String, ActionHandler> handlers = new HashMap<>();

    public ActionDispatcher(Instance<ActionHandler> all) {
        all.forEach(handler -> handlers.put(handler.type(), handler));
    }

    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        ActionHandler handler = handlers.get(message.action().type());
        if (handler == null) {
            return Uni.createFrom().failure(new ActionFailedException(
                    "Action type '" + message.action().type() + "' is not supported by this actuator"));
        }
        return Uni.createFrom().deferred(() -> handler.execute(message, delivery));
    }
}
