package dev.vigil.ingest.webhook;

import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events about webhooks, as Prefect Cloud names them: the webhook as a related resource of every event it makes,
 * and its audit events {@code prefect-cloud.webhook.created|updated|deleted}. Neither carries the slug (it is
 * the webhook's credential) nor the signature secret.
 */
public final class WebhookEvents {

    public static final String RESOURCE_PREFIX = "prefect-cloud.webhook.";
    /** The role of the webhook among the related resources of the events it made. */
    public static final String ROLE = "webhook";

    private WebhookEvents() {
    }

    /** The webhook as a related resource. */
    public static RelatedResource related(Webhook webhook) {
        return new RelatedResource(Map.of(Resource.ID, RESOURCE_PREFIX + webhook.id(), Resource.ROLE, ROLE,
                Resource.NAME, webhook.name()));
    }

    /** An event the webhook made, with the webhook added to its related resources (once). */
    public static ReceivedEvent madeBy(Webhook webhook, ReceivedEvent event) {
        String id = RESOURCE_PREFIX + webhook.id();
        if (event.related().stream().anyMatch(r -> id.equals(r.id()))) {
            return event;
        }
        List<RelatedResource> related = new ArrayList<>(event.related());
        related.add(related(webhook));
        return new ReceivedEvent(event.occurred(), event.event(), event.resource(), related, event.payload(),
                event.id(), event.follows(), event.received());
    }

    /** {@code prefect-cloud.webhook.<change>}: its name, description, enabled flag, template and signature scheme. */
    public static ReceivedEvent lifecycle(String change, Webhook webhook) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", webhook.name());
        payload.put("description", webhook.description());
        payload.put("enabled", webhook.enabled());
        payload.put("template", webhook.template());
        payload.put("signature_scheme", webhook.signature() == null ? null : webhook.signature().scheme());
        return new ReceivedEvent(now, RESOURCE_PREFIX + change,
                new Resource(Map.of(Resource.ID, RESOURCE_PREFIX + webhook.id(), Resource.NAME, webhook.name())),
                List.of(), payload, EventIds.uuid7(), null, now);
    }
}
