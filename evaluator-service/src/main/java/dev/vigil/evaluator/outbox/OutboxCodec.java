package dev.vigil.evaluator.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.firing.Firing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the firings of one workspace as an outbox payload and reads them back. The payload keeps what
 * the action messages and the state event are built from, the automation as it was when it fired and
 * the firing itself (whose id the idempotency keys and the state event's id derive from), so a
 * republished firing produces the same messages. Each automation is written once per payload. Each firing keeps
 * the trace context it was committed under (the {@code traceparent} of the event that triggered it), so that a
 * republished firing continues the same trace.
 */
@ApplicationScoped
public class OutboxCodec {

    /** A payload: the automations, then each firing with the position of its automation. */
    public record Payload(List<Automation> automations, List<Stored> firings) {
    }

    /** @param traceparent the trace context the firing continues; absent when none */
    public record Stored(int automation, Firing firing, @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {
    }

    /** The firings of an entry, and the trace context each continues (by firing id; absent when none). */
    public record Read(List<AutomationFiring> firings, Map<UUID, String> traceparents) {
    }

    private final ObjectMapper json;

    public OutboxCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The firings of one workspace, in order, continuing no trace. */
    public String write(List<AutomationFiring> firings) {
        return write(firings, firing -> null);
    }

    /** The firings of one workspace, in order, each with the trace context {@code traceOf} gives it (or none). */
    public String write(List<AutomationFiring> firings, Function<Firing, String> traceOf) {
        Map<Automation, Integer> positions = new IdentityHashMap<>();
        List<Automation> automations = new ArrayList<>();
        List<Stored> stored = new ArrayList<>(firings.size());
        for (AutomationFiring firing : firings) {
            int position = positions.computeIfAbsent(firing.automation(), automation -> {
                automations.add(automation);
                return automations.size() - 1;
            });
            stored.add(new Stored(position, firing.firing(), traceOf.apply(firing.firing())));
        }
        try {
            return json.writeValueAsString(new Payload(automations, stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable firings", e);
        }
    }

    public List<AutomationFiring> read(UUID workspaceId, String payload) {
        return readTraced(workspaceId, payload).firings();
    }

    public Read readTraced(UUID workspaceId, String payload) {
        Payload read;
        try {
            read = json.readValue(payload, Payload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable outbox entry", e);
        }
        List<AutomationFiring> firings = new ArrayList<>(read.firings().size());
        Map<UUID, String> traceparents = new HashMap<>();
        for (Stored each : read.firings()) {
            firings.add(new AutomationFiring(workspaceId, read.automations().get(each.automation()), each.firing()));
            if (each.traceparent() != null) {
                traceparents.put(each.firing().id(), each.traceparent());
            }
        }
        return new Read(firings, traceparents);
    }
}
