package dev.vigil.evaluator.trigger;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.firing.Firing;
import java.util.UUID;

/** A top-level firing of an automation: what the action publisher turns into messages. */
public record AutomationFiring(UUID workspaceId, Automation automation, Firing firing) {
}
