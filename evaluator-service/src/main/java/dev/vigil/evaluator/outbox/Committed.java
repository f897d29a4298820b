package dev.vigil.evaluator.outbox;

import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.trigger.AutomationFiring;
import java.util.List;

/** Firings committed to Redis, and the outbox entries that hold them until they are published. */
public record Committed(List<AutomationFiring> firings, List<OutboxEntry> outbox) {

    public static final Committed NOTHING = new Committed(List.of(), List.of());
}
