package dev.vigil.model.causal;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The chain of automations whose firings led to an event: the ids of the automations, oldest first,
 * in the resource label {@value #LABEL} as a comma-separated list. An event from outside has none
 * (depth 0); a firing of automation A caused by an event with chain C has chain C + [A], and every
 * event Vigil emits for that firing (its state event, its action events, and the events a call-webhook
 * action causes through the workspace's own {@code /hooks/{slug}}) carries it. Its length is the depth.
 */
public final class CausalChain {

    public static final String LABEL = "vigil.causal-chain";
    /** Longest chain read from a label; anything beyond is cut off at the oldest end. */
    public static final int MAX_LENGTH = 32;

    private CausalChain() {
    }

    /** The chain an event carries; empty for an event from outside. */
    public static List<String> of(ReceivedEvent event) {
        if (event == null || event.resource() == null) {
            return List.of();
        }
        return parse(event.resource().get(LABEL));
    }

    public static List<String> parse(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String id = part.strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids.size() <= MAX_LENGTH ? ids : List.copyOf(ids.subList(ids.size() - MAX_LENGTH, ids.size()));
    }

    public static String text(List<String> chain) {
        return String.join(",", chain);
    }

    /**
     * The chain of a firing of {@code automationId}: the longest chain among the events that caused it
     * (the triggering events of the firing and of its child firings), then the automation itself.
     */
    public static List<String> ofFiring(Firing firing, UUID automationId) {
        List<String> longest = longestCause(firing, List.of());
        List<String> chain = new ArrayList<>(longest.size() + 1);
        chain.addAll(longest);
        chain.add(automationId.toString());
        return chain;
    }

    private static List<String> longestCause(Firing firing, List<String> longest) {
        List<String> own = of(firing.triggeringEvent());
        List<String> best = own.size() > longest.size() ? own : longest;
        for (Firing child : firing.triggeringFirings()) {
            best = longestCause(child, best);
        }
        return best;
    }

    /** The resource with {@code chain} as its label (none when the chain is empty). */
    public static Resource label(Resource resource, List<String> chain) {
        if (chain.isEmpty()) {
            return without(resource);
        }
        Map<String, String> labels = new LinkedHashMap<>(resource.labels());
        labels.put(LABEL, text(chain));
        return new Resource(labels);
    }

    /** The resource without a chain label: what a client sends never counts as Vigil's own. */
    public static Resource without(Resource resource) {
        if (resource == null || !resource.has(LABEL)) {
            return resource;
        }
        Map<String, String> labels = new LinkedHashMap<>(resource.labels());
        labels.remove(LABEL);
        return new Resource(labels);
    }

    public static ReceivedEvent withChain(ReceivedEvent event, List<String> chain) {
        return new ReceivedEvent(event.occurred(), event.event(), label(event.resource(), chain), event.related(),
                event.payload(), event.id(), event.follows(), event.received());
    }
}
