package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * Sends a notification through one type of notification block, in the provider's wire format and
 * through the delivery layer (retries, delivery log, per-target gate). A refused notification fails
 * the Uni with {@code ActionFailedException}.
 */
public interface Notifier {

    /** The block type slug this notifier serves. */
    String blockType();

    /** Details for the executed event (e.g. {@code status_code}). */
    Uni<Map<String, Object>> send(BlockDocumentEntity block, Notification notification, Delivery delivery);
}
