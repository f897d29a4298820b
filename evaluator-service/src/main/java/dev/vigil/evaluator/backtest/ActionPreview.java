package dev.vigil.evaluator.backtest;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.DeclareIncident;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateContext;
import dev.vigil.template.TemplateRenderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an action would have done: its type and its template fields rendered, as the actuator would render them. */
final class ActionPreview {

    private final JinjaEnvironment jinja;

    ActionPreview(JinjaEnvironment jinja) {
        this.jinja = jinja;
    }

    Map<String, Object> of(ActionMessage message) {
        Action action = message.action();
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("type", action.type());
        Map<String, Object> context = TemplateContext.forAction(message);
        try {
            if (action instanceof CallWebhook webhook) {
                preview.put("payload", jinja.render(webhook.payload(), context));
            } else if (action instanceof SendNotification notification) {
                preview.put("subject", jinja.render(notification.subject(), context));
                preview.put("body", jinja.render(notification.body(), context));
            } else if (action instanceof RunDeployment run) {
                preview.put("parameters", renderValues(run.parameters(), context));
            } else if (action instanceof ChangeFlowRunState change) {
                preview.put("name", jinja.render(change.name(), context));
                preview.put("message", jinja.render(change.message(), context));
            } else if (action instanceof DeclareIncident incident) {
                preview.put("title", jinja.render(incident.title(), context));
            }
        } catch (TemplateRenderException e) {
            preview.put("error", e.getMessage());
        }
        return preview;
    }

    private Object renderValues(Object value, Map<String, Object> context) {
        if (value instanceof String text) {
            return jinja.render(text, context);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> rendered = new LinkedHashMap<>();
            map.forEach((k, v) -> rendered.put(k, renderValues(v, context)));
            return rendered;
        }
        if (value instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>(list.size());
            list.forEach(item -> rendered.add(renderValues(item, context)));
            return rendered;
        }
        return value;
    }
}
