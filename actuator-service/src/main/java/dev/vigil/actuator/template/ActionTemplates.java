package dev.vigil.actuator.template;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateContext;
import dev.vigil.template.TemplateLimits;
import dev.vigil.template.TemplateRenderException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * Renders an action's user templates with Prefect's context, through the shared sandboxed Jinja
 * environment. Orchestrator objects ({@code flow_run}, …) are fetched only when a template names
 * them. Rendering is CPU work capped in time, so it runs on a worker thread, not the event loop,
 * unless every template is short and has no statement: no loop, macro or condition, only expressions
 * (typically {@code {"state": "{{ event.event }}"}}). Such a render takes tens of microseconds, less
 * than the hop to a worker and back, and its cost is bounded without the deadline: each expression is
 * one node, and every filter and method call in it is held to the render bounds ({@code vigil.templates.*})
 * before it allocates, and the length cap bounds their number.
 */
@ApplicationScoped
public class ActionTemplates {

    private final JinjaEnvironment jinja;
    private final String uiUrl;
    private final ContextObjects objects;
    private final Vertx vertx;
    private final int inlineMaxChars;

    public ActionTemplates(ActuatorConfig config, TemplateLimits limits, ContextObjects objects, Vertx vertx) {
        this.uiUrl = config.uiUrl().orElse(null);
        this.jinja = new JinjaEnvironment(limits, uiUrl);
        this.objects = objects;
        this.vertx = vertx;
        this.inlineMaxChars = config.templates().inlineMaxChars();
    }

    /**
     * Renders one expression on a worker at start: the first render loads Jinjava's parser classes from the jar,
     * which took over 2 s on a busy box, and a cheap render runs on the event loop.
     */
    void warmUp(@Observes StartupEvent started) {
        vertx.executeBlocking(Uni.createFrom().item(() -> jinja.render("{{ warm | upper }}", Map.of("warm", "up"))),
                false).subscribe().with(done -> { }, failure -> Log.warnf("Warming up the template engine failed (%s)",
                failure.toString()));
    }

    public Uni<String> render(String template, ActionMessage message) {
        return renderAll(List.of(template), message).map(all -> all.get(0));
    }

    /** Renders several fields of one action with one context; fails the action on the first bad template. */
    public Uni<List<String>> renderAll(List<String> templates, ActionMessage message) {
        if (templates.stream().noneMatch(JinjaEnvironment::isTemplate)) {
            return Uni.createFrom().item(templates.stream().map(t -> t == null ? "" : t).toList());
        }
        boolean inline = templates.stream().allMatch(this::cheap);
        return objects.fetch(templates, message).chain(fetched -> {
            Uni<List<String>> rendered = Uni.createFrom().item(() -> {
                Map<String, Object> context = TemplateContext.forAction(message, uiUrl, fetched);
                return templates.stream().map(t -> renderOne(t, context)).toList();
            });
            return inline ? rendered : vertx.executeBlocking(rendered, false);
        });
    }

    /** Short and only expressions; see the class comment. */
    boolean cheap(String template) {
        return template == null || template.length() <= inlineMaxChars && !template.contains("{%");
    }

    private String renderOne(String template, Map<String, Object> context) {
        try {
            return jinja.render(template, context);
        } catch (TemplateRenderException e) {
            throw new ActionFailedException(e.getMessage(),
                    Map.of("template_error", e.getMessage(), "template_source", template));
        }
    }
}
