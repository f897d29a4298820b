package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders run-deployment parameters as Prefect hydrates them, keeping JSON types: a string that is
 * exactly one {@code {{ expr }}} becomes the JSON value of the expression; any other template
 * string becomes the rendered text; {@code {"__prefect_kind": "jinja", "template": …}} renders to
 * text and {@code {"__prefect_kind": "json", "value": "…"}} parses. Other values pass unchanged.
 */
final class DeploymentParameters {

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("^\\s*\\{\\{([^{}]*)\\}\\}\\s*$");
    private static final String KIND = "__prefect_kind";

    private DeploymentParameters() {
    }

    static Uni<Map<String, Object>> render(Map<String, Object> parameters, ActionMessage message,
                                           ActionTemplates templates) {
        if (parameters == null) {
            return Uni.createFrom().nullItem();
        }
        List<Slot> slots = new ArrayList<>();
        Object shape = collect(parameters, slots);
        List<String> sources = slots.stream().map(Slot::template).toList();
        return templates.renderAll(sources, message).map(rendered -> {
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                slot.value = slot.json ? parse(rendered.get(i), slot.source) : rendered.get(i);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) fill(shape);
            return result;
        });
    }

    /** Copies the structure, replacing each template by a slot to fill once everything is rendered. */
    private static Object collect(Object value, List<Slot> slots) {
        if (value instanceof Map<?, ?> map) {
            Object kind = map.get(KIND);
            if ("jinja".equals(kind) && map.get("template") instanceof String template) {
                return add(slots, new Slot(template, template, false));
            }
            if ("json".equals(kind) && map.get("value") instanceof String json) {
                return add(slots, new Slot(json, json, true));
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), collect(v, slots)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(collect(v, slots)));
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

    private static Slot add(List<Slot> slots, Slot slot) {
        slots.add(slot);
        return slot;
    }

    private static Object fill(Object shape) {
        if (shape instanceof Slot slot) {
            return slot.value;
        }
        if (shape instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((k, v) -> filled.put(String.valueOf(k), fill(v)));
            return filled;
        }
        if (shape instanceof List<?> list) {
            return list.stream().map(DeploymentParameters::fill).toList();
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
