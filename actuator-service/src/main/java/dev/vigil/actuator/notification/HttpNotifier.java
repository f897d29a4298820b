package dev.vigil.actuator.notification;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.action.CausalHeaders;
import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import dev.vigil.actuator.delivery.HttpReply;
import dev.vigil.model.action.SendNotification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notifier that makes one or more HTTP calls (one per SMS recipient, say), in order, each through
 * {@link HttpDelivery}. Any 2xx is success; anything else fails the action with the status.
 */
public abstract class HttpNotifier implements Notifier {

    private final HttpDelivery http;
    private final int excerptChars;

    protected HttpNotifier(HttpDelivery http, int excerptChars) {
        this.http = http;
        this.excerptChars = excerptChars;
    }

    /** The calls that deliver this notification. */
    protected abstract List<HttpCall> calls(BlockDocumentEntity block, Notification notification);

    @Override
    public Uni<Map<String, Object>> send(BlockDocumentEntity block, Notification notification, Delivery delivery) {
        List<HttpCall> calls = calls(block, notification).stream()
                .map(call -> call.withHeaders(CausalHeaders.onto(call.headers(), notification.causalHeaders())))
                .toList();
        return Multi.createFrom().iterable(calls)
                .onItem().transformToUniAndConcatenate(call -> http.send(delivery, call).map(this::expectSuccess))
                .collect().last()
                .map(last -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("status_code", last.statusCode());
                    details.put("notifications_sent", calls.size());
                    return details;
                });
    }

    private HttpReply expectSuccess(HttpReply reply) {
        if (reply.successful()) {
            return reply;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status_code", reply.statusCode());
        details.put("notification_log", reply.excerpt(excerptChars));
        throw new ActionFailedException("Unexpected status from '" + SendNotification.TYPE + "' action: "
                + reply.statusCode(), details);
    }
}
