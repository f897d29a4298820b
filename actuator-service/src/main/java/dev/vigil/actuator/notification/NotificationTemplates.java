package dev.vigil.actuator.notification;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vigil's own templates, in Qute (users' templates are Jinja): the default subject and body of a
 * notification whose action leaves them unset, and the HTML layout that wraps an email's body
 * (escaped, so a rendered body cannot inject markup).
 */
@ApplicationScoped
public class NotificationTemplates {

    private final Template subject;
    private final Template body;
    private final Template email;
    private final String uiUrl;

    public NotificationTemplates(@Location("notification/subject.txt") Template subject,
                                 @Location("notification/body.txt") Template body,
                                 @Location("notification/email.html") Template email,
                                 ActuatorConfig config) {
        this.subject = subject;
        this.body = body;
        this.email = email;
        this.uiUrl = config.uiUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse(null);
    }

    public Uni<String> defaultSubject(ActionMessage message) {
        return subject.data(context(message)).createUni();
    }

    public Uni<String> defaultBody(ActionMessage message) {
        return body.data(context(message)).createUni().map(String::strip);
    }

    public Uni<String> emailHtml(Notification notification) {
        return email.data("subject", notification.subject())
                .data("body", notification.body())
                .data("automationName", notification.automationName())
                .createUni();
    }

    private Map<String, Object> context(ActionMessage message) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("automation", Map.of("id", message.automation().id().toString(),
                "name", message.automation().name()));
        ReceivedEvent event = message.event();
        context.put("event", event == null ? null : Map.of(
                "event", event.event(),
                "resource", Map.of("id", event.resource().id()),
                "occurred", event.occurred().toString()));
        context.put("labels", new TreeMap<>(message.labels()));
        context.put("url", uiUrl == null ? null : uiUrl + "/automations/automation/" + message.automation().id());
        return context;
    }
}
