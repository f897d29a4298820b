package dev.vigil.evaluator.apikey;

import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.support.auth.ApiKeyRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit events of API keys as Prefect Cloud names them, {@code prefect-cloud.api-key.created|deleted}: the
 * key's id, name, role and expiry, never the key or its hash.
 */
public final class ApiKeyEvents {

    public static final String PREFIX = "prefect-cloud.api-key.";

    private ApiKeyEvents() {
    }

    public static ReceivedEvent lifecycle(String change, ApiKeyRecord key) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", key.name());
        payload.put("role", key.role());
        payload.put("expires", key.expires() == null ? null : key.expires().toString());
        return new ReceivedEvent(now, PREFIX + change,
                new Resource(Map.of(Resource.ID, PREFIX + key.id(), Resource.NAME, key.name())),
                List.of(), payload, EventIds.uuid7(), null, now);
    }
}
