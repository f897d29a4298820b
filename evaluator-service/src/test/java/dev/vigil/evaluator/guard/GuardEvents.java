package dev.vigil.evaluator.guard;

import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.json.VigilJson;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as they arrive on the {@code events} topic, with or without a causal chain. */
final class GuardEvents {

    private GuardEvents() {
    }

    static String event(String name, String resourceId, List<String> chain) {
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("prefect.resource.id", resourceId);
        if (!chain.isEmpty()) {
            resource.put(CausalChain.LABEL, CausalChain.text(chain));
        }
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return VigilJson.mapper().createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("occurred", now)
                .put("received", now)
                .put("event", name)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("resource", VigilJson.mapper().valueToTree(resource))
                .toString();
    }
}
