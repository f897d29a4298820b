package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders run-deployment parameters as Prefect hydrates them, keeping JSON types: a string that is
 * exactly one {@code {{ expr }}} becomes the JSON value of the expression; any other template
 * string becomes the rendered text; {@code {"__prefect_kind": "jinja", "template": …}} renders to
 * text and {@code {"__prefect_kind": "json", "value": "…"}} parses;
 * {@code {"__prefect_kind": "workspace_variable", "variable_name": "…"}} becomes the value of that Prefect
 * Variable (read from the orchestrator, only the names used), and without {@code variable_name} is removed
 * from its parent. Other values pass unchanged.
 */
final class DeploymentParameters {

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("^\\s*\\{\\{([^{}]*)\\}\\}\\s*$");
    private static final String KIND = "__prefect_kind";

    private DeploymentParameters() {
    }

    static Uni<Map<String, Object>> render(Map<String, Object> parameters, ActionMessage message,
                                           ActionTemplates templates, WorkspaceVariables variables) {
        if (parameters == null) {
            return Uni.createFrom().nullItem();
        }
        List<Slot> slots = new ArrayList<>();
        List<VariableSlot> variableSlots = new ArrayList<>();
        Object shape = collect(parameters, slots, variableSlots);
        List<String> sources = slots.stream().map(Slot::template).toList();
        Set<String> names = new LinkedHashSet<>();
        variableSlots.forEach(slot -> names.add(slot.name));
        return Uni.combine().all().unis(templates.renderAll(sources, message), variables.named(names))
                .with((rendered, values) -> {
                    for (int i = 0; i < slots.size(); i++) {
                        Slot slot = slots.get(i);
                        slot.value = slot.json ? parse(rendered.get(i), slot.source) : rendered.get(i);
                    }
                    for (VariableSlot slot : variableSlots) {
                        if (!values.containsKey(slot.name)) {
                            throw new ActionFailedException("Failed to hydrate parameters: Variable '" + slot.name
                                    + "' not found in workspace.", Map.of("variable_name", slot.name));
                        }
                        slot.value = values.get(slot.name);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> result = (Map<String, Object>) fill(shape);
                    return result;
                });
    }

    /** Copies the structure, replacing each template by a slot to fill once everything is rendered. */
    private static Object collect(Object value, List<Slot> slots, List<VariableSlot> variables) {
        if (value instanceof Map<?, ?> map) {
            Object kind = map.get(KIND);
            if ("workspace_variable".equals(kind)) {
                return variable(map.get("variable_name"), variables);
            }
            if ("jinja".equals(kind) && map.get("template") instanceof String template) {
                return add(slots, new Slot(template, template, false));
            }
            if ("json".equals(kind) && map.get("value") instanceof String json) {
                return add(slots, new Slot(json, json, true));
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), collect(v, slots, variables)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(collect(v, slots, variables)));
            return copy;
        }
        if (value instanceof String text && JinjaEnvironment.isTemplate(text)) {
            var single = SINGLE_EXPRESSION.matcher(text);
            if (single.matches()) {
                return add(slots, new Slot("{{ (" + single.group(1).strip() + ") | tojson }}", text, true));
            }
            return add(slots, new Slot(text, text, false));
        }
        return value;
    }

    private static Object variable(Object name, List<VariableSlot> variables) {
        if (name == null) {
            return REMOVED;
        }
        if (!(name instanceof String text)) {
            throw new ActionFailedException("Failed to hydrate parameters: a workspace_variable's variable_name "
                    + "must be a string", Map.of());
        }
        VariableSlot slot = new VariableSlot(text);
        variables.add(slot);
        return slot;
    }

    private static Slot add(List<Slot> slots, Slot slot) {
        slots.add(slot);
        return slot;
    }

    private static Object fill(Object shape) {
        if (shape == REMOVED) {
            return new LinkedHashMap<String, Object>();
        }
        if (shape instanceof Slot slot) {
            return slot.value;
        }
        if (shape instanceof VariableSlot slot) {
            return slot.value;
        }
        if (shape instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != REMOVED) {
                    filled.put(String.valueOf(k), fill(v));
                }
            });
            return filled;
        }
        if (shape instanceof List<?> list) {
            List<Object> filled = new ArrayList<>();
            list.stream().filter(v -> v != REMOVED).forEach(v -> filled.add(fill(v)));
            return filled;
        }
        return shape;
    }

    private static Object parse(String json, String source) {
        if (json.isBlank()) {
            return null;
        }
        try {
            return VigilJson.mapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ActionFailedException("Failed to hydrate parameter: the template did not produce valid JSON",
                    Map.of("template_source", source, "template_error", e.getOriginalMessage()));
        }
    }

    /** A {@code workspace_variable} without a name: dropped from its parent, as Prefect's hydration does. */
    private static final Object REMOVED = new Object();

    private static final class VariableSlot {
        private final String name;
        private Object value;

        VariableSlot(String name) {
            this.name = name;
        }
    }

    private static final class Slot {
        private final String template;
        private final String source;
        private final boolean json;
        private Object value;

        Slot(String template, String source, boolean json) {
            this.template = template;
            this.source = source;
            this.json = json;
        }

        String template() {
            return template;
        }
    }
}
