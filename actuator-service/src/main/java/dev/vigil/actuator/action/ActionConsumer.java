package dev.vigil.actuator.action;

import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the {@code actions} topic (group {@code actuator}) and runs each action. */
@ApplicationScoped
public class ActionConsumer {

    public static final String CHANNEL = "actions-in";

    private final ActionExecutor executor;

    public ActionConsumer(ActionExecutor executor) {
        this.executor = executor;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ActionMessage message) {
        return executor.execute(message);
    }
}
