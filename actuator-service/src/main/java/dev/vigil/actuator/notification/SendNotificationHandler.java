package dev.vigil.actuator.notification;

import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.action.CausalHeaders;
import dev.vigil.actuator.block.BlockDocumentService;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code send-notification}: loads the notification block, renders the subject and body (Jinja;
 * Vigil's Qute defaults when the action leaves them unset) and sends them through the block type's
 * notifier.
 */
@ApplicationScoped
public class SendNotificationHandler implements ActionHandler {

    private final BlockDocumentService blocks;
    private final ActionTemplates templates;
    private final NotificationTemplates defaults;
    private final CausalHeaders causal;
    private final Map<String, Notifier> notifiers = new HashMap<>();

    public SendNotificationHandler(BlockDocumentService blocks, ActionTemplates templates,
                                   NotificationTemplates defaults, CausalHeaders causal, Instance<Notifier> all) {
        this.blocks = blocks;
        this.causal = causal;
        this.templates = templates;
        this.defaults = defaults;
        all.forEach(n -> notifiers.put(n.blockType(), n));
    }

    @Override
    public String type() {
        return SendNotification.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        SendNotification action = (SendNotification) message.action();
        return blocks.loadOfType(message.workspaceId(), action.blockDocumentId(),
                        BlockTypeCatalog.NOTIFIERS.toArray(String[]::new))
                .chain(block -> render(action, message)
                        .chain(notification -> notifiers.get(block.blockTypeSlug).send(block, notification, delivery))
                        .map(details -> new ActionResult(details, BlockDocumentService.related(block))));
    }

    private Uni<Notification> render(SendNotification action, ActionMessage message) {
        boolean hasSubject = action.subject() != null && !action.subject().isBlank();
        boolean hasBody = action.body() != null && !action.body().isBlank();
        return templates.renderAll(List.of(hasSubject ? action.subject() : "", hasBody ? action.body() : ""), message)
                .chain(rendered -> Uni.combine().all()
                        .unis(hasSubject ? Uni.createFrom().item(rendered.get(0)) : defaults.defaultSubject(message),
                                hasBody ? Uni.createFrom().item(rendered.get(1)) : defaults.defaultBody(message))
                        .asTuple())
                .map(t -> new Notification(t.getItem1(), t.getItem2(), message.automation().id(),
                        message.automation().name(), message.idempotencyKey(), causal.of(message)));
    }
}
