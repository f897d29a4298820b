package dev.vigil.evaluator.guard;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.id.NameUuids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code prefect.automation.loop-detected}: a firing not acted on because its causal chain is too long. */
public final class LoopEvents {

    public static final String EVENT = "prefect.automation.loop-detected";

    private LoopEvents() {
    }

    public static ReceivedEvent loopDetected(Automation automation, Firing firing, List<String> chain, int maxDepth) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, automation.resourceId());
        labels.put(Resource.NAME, automation.name());
        labels.put(CausalChain.LABEL, CausalChain.text(chain));
        List<RelatedResource> related = new ArrayList<>();
        for (String id : chain) {
            related.add(new RelatedResource(Map.of(Resource.ID, "prefect.automation." + id,
                    Resource.ROLE, "causal-chain")));
        }
        if (firing.triggeringEvent() != null) {
            related.add(new RelatedResource(Map.of(Resource.ID, "prefect.event." + firing.triggeringEvent().id(),
                    Resource.ROLE, "triggering-event")));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("automation_id", automation.id().toString());
        payload.put("chain", chain);
        payload.put("depth", chain.size());
        payload.put("max_causal_depth", maxDepth);
        payload.put("firing_id", firing.id().toString());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Derived from the firing, so a republished firing does not report its loop twice.
        return new ReceivedEvent(now, EVENT, new Resource(labels), related, payload,
                NameUuids.of(firing.id() + ":loop-detected"), null, now);
    }
}
