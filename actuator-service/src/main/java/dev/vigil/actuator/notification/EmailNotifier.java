package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Attempt;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.Retrier;
import dev.vigil.actuator.delivery.TargetGate;
import dev.vigil.actuator.action.ActionFailedException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Email over SMTP through Quarkus' reactive mailer (server and sender from {@code quarkus.mailer.*}):
 * the subject, the body as the text part and wrapped in Vigil's HTML layout as the HTML part, to the
 * block's addresses. Attempts go through the retrier (delivery log, backoff) and the SMTP server's gate.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    /** Lets a receiving system spot a repeated delivery of one action. */
    public static final String IDEMPOTENCY_HEADER = "X-Vigil-Idempotency-Key";

    private final ReactiveMailer mailer;
    private final NotificationTemplates templates;
    private final Retrier retrier;
    private final TargetGate gate;
    private final Duration timeout;
    private final String target;

    public EmailNotifier(ReactiveMailer mailer, NotificationTemplates templates, Retrier retrier, TargetGate gate,
                         ActuatorConfig config,
                         @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
                         @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "25") int port) {
        this.mailer = mailer;
        this.templates = templates;
        this.retrier = retrier;
        this.gate = gate;
        this.timeout = config.notifications().emailTimeout();
        this.target = host + ":" + port;
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.EMAIL;
    }

    @Override
    public Uni<Map<String, Object>> send(BlockDocumentEntity block, Notification notification, Delivery delivery) {
        List<String> to = BlockData.strings(block, "email_addresses");
        return templates.emailHtml(notification).chain(html -> {
            Mail mail = new Mail().setTo(to).setSubject(notification.subject()).setText(notification.body())
                    .setHtml(html).addHeader(IDEMPOTENCY_HEADER, notification.idempotencyKey());
            return retrier.run(delivery, "SMTP " + target + " to " + to.size() + " recipient(s)",
                    () -> gate.through(target, delivery.slot(), () -> mailer.send(mail).ifNoItem().after(timeout).fail()
                            .map(ignored -> Attempt.<Boolean>succeeded(Boolean.TRUE, null, null))));
        }).map(last -> {
            if (last.value() == null) {
                throw new ActionFailedException("Could not send the email: " + last.error(),
                        Map.of("notification_log", String.valueOf(last.error())));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("notifications_sent", to.size());
            return details;
        });
    }
}
