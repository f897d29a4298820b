package dev.vigil.console.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.web.PrettyJson;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the API's automation JSON: the row a page shows, the editable document, the trigger's event names. */
public final class AutomationJson {

    /** What the API sets itself: left out of the editor and of a backtest's automation. */
    private static final List<String> SERVER_FIELDS = List.of("id", "created", "updated", "paused_reason");
    private static final ObjectMapper JSON = VigilJson.mapper();

    private AutomationJson() {
    }

    public static AutomationRow row(JsonNode automation) {
        List<String> tags = new ArrayList<>();
        automation.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new AutomationRow(automation.path("id").asText(), automation.path("name").asText(),
                automation.path("description").asText(""), summary(automation.path("trigger")),
                automation.path("enabled").asBoolean(true), tags, automation.path("paused_reason").asText(""));
    }

    /** The sentence of the trigger, or a plain note when the trigger cannot be read. */
    public static String summary(JsonNode trigger) {
        return trigger(trigger).map(TriggerSummary::of).orElse("(this trigger could not be read)");
    }

    public static Optional<Trigger> trigger(JsonNode trigger) {
        try {
            return Optional.of(JSON.treeToValue(trigger, Trigger.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The automation as the create/replace API takes it: without the fields the server sets. */
    public static ObjectNode definition(JsonNode automation) {
        ObjectNode copy = ((ObjectNode) automation).deepCopy();
        SERVER_FIELDS.forEach(copy::remove);
        return copy;
    }

    public static String pretty(JsonNode node) {
        return PrettyJson.of(node);
    }

    /** Every {@code expect} pattern of the trigger's event triggers; empty when one of them expects any event. */
    public static List<String> expectedNames(Trigger trigger) {
        List<String> names = new ArrayList<>();
        return collect(trigger, names) ? names : List.of();
    }

    private static boolean collect(Trigger trigger, List<String> names) {
        if (trigger instanceof EventTrigger event) {
            if (event.expect().isEmpty()) {
                return false;
            }
            names.addAll(event.expect());
            return true;
        }
        if (trigger instanceof CompositeTrigger composite) {
            for (Trigger child : composite.triggers()) {
                if (!collect(child, names)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
