package dev.vigil.evaluator.trigger;

import dev.vigil.model.event.Resource;
import dev.vigil.model.trigger.EventTrigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Index entries (of one event-name slot) by the {@code prefect.resource.id} patterns of their
 * {@code match}: literal ids in a hash map, {@code prefix*} patterns in a {@link PrefixTable},
 * and everything else (no id pattern, only negations, other globs) in a residual list that every
 * event meets. An over-approximation: {@link EventTriggerMatcher#covers} has the last word.
 */
final class ResourceIdIndex {

    private final Map<String, List<TriggerIndex.Entry>> byId = new HashMap<>();
    private final PrefixTable<List<TriggerIndex.Entry>> byPrefix = new PrefixTable<>();
    private final List<TriggerIndex.Entry> residual = new ArrayList<>();
    private final List<TriggerIndex.Entry> all = new ArrayList<>();

    /** Adds an entry; returns how many slots it went into (more than one means it can be met twice). */
    int add(TriggerIndex.Entry entry) {
        all.add(entry);
        List<String> positives = indexablePositives(entry.evaluator().trigger());
        if (positives == null) {
            residual.add(entry);
            return 1;
        }
        for (String pattern : positives) {
            List<TriggerIndex.Entry> slot = isLiteral(pattern)
                    ? byId.computeIfAbsent(pattern, k -> new ArrayList<>())
                    : byPrefix.computeIfAbsent(pattern.substring(0, pattern.length() - 1), k -> new ArrayList<>());
            slot.add(entry);
        }
        return positives.size();
    }

    /** Gives {@code sink} every entry that may match a resource with this id ({@code null}: none has one). */
    void collect(String resourceId, PrefixTable.Sink<List<TriggerIndex.Entry>> sink) {
        if (resourceId != null) {
            List<TriggerIndex.Entry> exact = byId.get(resourceId);
            if (exact != null) {
                sink.accept(exact);
            }
            byPrefix.forEachPrefixOf(resourceId, false, sink);
        }
        if (!residual.isEmpty()) {
            sink.accept(residual);
        }
    }

    List<TriggerIndex.Entry> all() {
        return all;
    }

    /**
     * The positive {@code prefect.resource.id} patterns if each is a literal or a literal prefix
     * followed by one {@code *}; null when the trigger cannot be narrowed by id. A label rule needs a
     * positive pattern to match (or, with only negations, accepts anything else), so the positives
     * bound the ids it accepts; negations only narrow further.
     */
    static List<String> indexablePositives(EventTrigger trigger) {
        Object rule = trigger.match().asMap().get(Resource.ID);
        List<String> patterns;
        if (rule instanceof String single) {
            patterns = List.of(single);
        } else if (rule instanceof List<?> list) {
            patterns = new ArrayList<>(list.size());
            for (Object item : list) {
                patterns.add((String) item);
            }
        } else {
            return null;
        }
        List<String> positives = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                continue;
            }
            if (!isLiteral(pattern) && !isLiteralPrefix(pattern)) {
                return null;
            }
            positives.add(pattern);
        }
        return positives.isEmpty() ? null : positives.stream().distinct().toList();
    }

    private static boolean isLiteral(String pattern) {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0;
    }

    private static boolean isLiteralPrefix(String pattern) {
        return pattern.endsWith("*") && isLiteral(pattern.substring(0, pattern.length() - 1));
    }
}
