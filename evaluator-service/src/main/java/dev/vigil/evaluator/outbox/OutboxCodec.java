package dev.vigil.evaluator.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.firing.Firing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the firings of one workspace as an outbox payload and reads them back. The payload keeps what
 * the action messages and the state event are built from, the automation as it was when it fired and
 * the firing itself (whose id the idempotency keys and the state event's id derive from), so a
 * republished firing produces the same messages. Each automation is written once per payload.
 */
@ApplicationScoped
public class OutboxCodec {

    /** A payload: the automations, then each firing with the position of its automation. */
    public record Payload(List<Automation> automations, List<Stored> firings) {
    }

    public record Stored(int automation, Firing firing) {
    }

    private final ObjectMapper json;

    public OutboxCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The firings of one workspace, in order. */
    public String write(List<AutomationFiring> firings) {
        Map<Automation, Integer> positions = new IdentityHashMap<>();
        List<Automation> automations = new ArrayList<>();
        List<Stored> stored = new ArrayList<>(firings.size());
        for (AutomationFiring firing : firings) {
            int position = positions.computeIfAbsent(firing.automation(), automation -> {
                automations.add(automation);
                return automations.size() - 1;
            });
            stored.add(new Stored(position, firing.firing()));
        }
        try {
            return json.writeValueAsString(new Payload(automations, stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable firings", e);
        }
    }

    public List<AutomationFiring> read(UUID workspaceId, String payload) {
        Payload read;
        try {
            read = json.readValue(payload, Payload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable outbox entry", e);
        }
        List<AutomationFiring> firings = new ArrayList<>(read.firings().size());
        for (Stored each : read.firings()) {
            firings.add(new AutomationFiring(workspaceId, read.automations().get(each.automation()), each.firing()));
        }
        return firings;
    }
}
