package dev.vigil.actuator.template;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateContext;
import dev.vigil.template.TemplateRenderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Renders an action's user templates with Prefect's context, through the shared sandboxed Jinja environment. */
@ApplicationScoped
public class ActionTemplates {

    private final JinjaEnvironment jinja = new JinjaEnvironment();

    public String render(String template, ActionMessage message) {
        try {
            return jinja.render(template, TemplateContext.forAction(message));
        } catch (TemplateRenderException e) {
            throw new ActionFailedException(e.getMessage(),
                    Map.of("template_error", e.getMessage(), "template_source", template));
        }
    }
}
