package dev.vigil.evaluator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MatchRelated;
import dev.vigil.model.trigger.Posture;
import dev.vigil.model.trigger.Trigger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index hands an event exactly the triggers whose {@code expect}/{@code after} and
 * {@code prefect.resource.id} patterns admit it (plus, for patterns it cannot narrow, triggers
 * that {@code covers} then rejects), so that indexing never changes which triggers see an event.
 */
class TriggerIndexTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    private static final UUID OTHER_WORKSPACE = UUID.fromString("11111111-1111-1111-1111-111111111111");

    private final List<TriggerIndex.Indexed> automations = new ArrayList<>();

    private EventTrigger add(List<String> expect, List<String> after, Object resourceId) {
        return add(Workspaces.DEFAULT, expect, after, resourceId);
    }

    private EventTrigger add(UUID workspace, List<String> expect, List<String> after, Object resourceId) {
        Map<String, Object> match = new LinkedHashMap<>();
        if (resourceId != null) {
            match.put(Resource.ID, resourceId);
        }
        EventTrigger trigger = new EventTrigger(null, new ResourceSpecification(match), null, after, expect,
                List.of(), Posture.Reactive, 1, Duration.ZERO);
        addAutomation(workspace, trigger);
        return trigger;
    }

    private void addAutomation(UUID workspace, Trigger trigger) {
        automations.add(new TriggerIndex.Indexed(workspace, new Automation(UUID.randomUUID(), null, null,
                "a" + automations.size(), null, true, null, trigger, List.of(), null, null)));
    }

    private static ReceivedEvent event(String name, String resourceId) {
        return new ReceivedEvent(T0, name, Resource.of(resourceId), List.of(), Map.of(), UUID.randomUUID(), null, T0);
    }

    private static List<UUID> triggerIds(List<TriggerIndex.Entry> entries) {
        return entries.stream().map(e -> e.evaluator().trigger().id()).toList();
    }

    private static List<UUID> covering(TriggerIndex index, ReceivedEvent event) {
        return triggerIds(index.candidates(Workspaces.DEFAULT, event).stream()
                .filter(e -> e.evaluator().matcher().covers(event)).toList());
    }

    @Test
    void literalNameAndLiteralIdReachOnlyTheirTriggers() {
        EventTrigger wanted = add(List.of("app.job.failed"), List.of(), "res.1");
        add(List.of("app.job.failed"), List.of(), "res.2");
        add(List.of("app.job.done"), List.of(), "res.1");
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("app.job.failed", "res.1"))))
                .containsExactly(wanted.id());
    }

    @Test
    void namePrefixNeedsAtLeastOneMoreCharacterAndIdPrefixNeedsNone() {
        EventTrigger byName = add(List.of("app.*"), List.of(), null);
        EventTrigger byId = add(List.of("x"), List.of(), "res.*");
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("app.", "r")))).isEmpty();
        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("app.a", "r")))).containsExactly(byName.id());
        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("x", "res.")))).containsExactly(byId.id());
        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("x", "re")))).isEmpty();
    }

    @Test
    void emptyExpectAndStarReachEveryName() {
        EventTrigger empty = add(List.of(), List.of(), null);
        EventTrigger star = add(List.of("*"), List.of(), null);
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(covering(index, event("anything.at.all", "r"))).containsExactly(empty.id(), star.id());
    }

    @Test
    void negatedIdsAreLeftToTheMatcherAndRejected() {
        EventTrigger onlyNegation = add(List.of("e"), List.of(), "!res.1");
        EventTrigger prefixButNot = add(List.of("e"), List.of(), List.of("res.*", "!res.1*"));
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(covering(index, event("e", "res.1"))).isEmpty();
        assertThat(covering(index, event("e", "res.2"))).containsExactly(onlyNegation.id(), prefixButNot.id());
        assertThat(covering(index, event("e", "other"))).containsExactly(onlyNegation.id());
    }

    @Test
    void aTriggerReachedThroughSeveralPatternsComesOnce() {
        EventTrigger trigger = add(List.of("a.b", "a.*"), List.of("a.b.c"), List.of("res.1", "res.*"));
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("a.b", "res.1"))))
                .containsExactly(trigger.id());
    }

    @Test
    void candidatesComeInIndexOrderWhateverSlotFoundThem() {
        EventTrigger first = add(List.of(), List.of(), null);
        EventTrigger second = add(List.of("e.*"), List.of(), "r*");
        EventTrigger third = add(List.of("e.x"), List.of(), "r.1");
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("e.x", "r.1"))))
                .containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void otherWorkspacesTriggersAreNeverCandidates() {
        add(OTHER_WORKSPACE, List.of("e"), List.of(), null);
        EventTrigger mine = add(List.of("e"), List.of(), null);
        TriggerIndex index = new TriggerIndex(automations);

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("e", "r")))).containsExactly(mine.id());
    }

    @Test
    void childrenOfCompositesAreIndexedWithTheirAncestors() {
        EventTrigger child = new EventTrigger(null, null, null, null, List.of("c.1"), null, Posture.Reactive, 1,
                Duration.ZERO);
        EventTrigger sibling = new EventTrigger(null, null, null, null, List.of("c.2"), null, Posture.Reactive, 1,
                Duration.ZERO);
        CompoundTrigger compound = new CompoundTrigger(null, List.of(child, sibling), Duration.ofSeconds(10), "all");
        addAutomation(Workspaces.DEFAULT, compound);
        TriggerIndex index = new TriggerIndex(automations);

        List<TriggerIndex.Entry> found = index.candidates(Workspaces.DEFAULT, event("c.1", "r"));
        assertThat(triggerIds(found)).containsExactly(child.id());
        assertThat(found.get(0).ancestors()).containsExactly(compound);
    }

    /**
     * Many random triggers and events: the index never loses a trigger a linear scan finds, and
     * every extra candidate is one whose patterns the index cannot narrow.
     */
    @Test
    void agreesWithALinearScanOverRandomPatterns() {
        Random random = new Random(7);
        List<String> names = List.of("a", "a.b", "a.b.c", "a.bc", "b.a", "ab", "a.", "x.y.z");
        List<String> namePatterns = List.of("a", "a.b", "a.*", "a.b.*", "*", "*.a", "a?b", "x.*", "b.[a-z]", "zzz");
        List<String> ids = List.of("res.1", "res.12", "res.2", "res.", "re", "other.1", "res.g01.7");
        List<Object> idPatterns = List.of("res.1", "res.*", "res.1*", "!res.1", "*", "res.?", "other.*",
                List.of("res.*", "!res.2"), List.of("!res.1", "!other.*"), List.of("res.1", "other.1"), "res.g01.*");
        for (int i = 0; i < 300; i++) {
            List<String> expect = random.nextInt(6) == 0 ? List.of() : pick(random, namePatterns, 1 + random.nextInt(2));
            List<String> after = random.nextInt(4) == 0 ? pick(random, namePatterns, 1) : List.of();
            Object resourceId = random.nextInt(5) == 0 ? null : idPatterns.get(random.nextInt(idPatterns.size()));
            add(random.nextInt(10) == 0 ? OTHER_WORKSPACE : Workspaces.DEFAULT, expect, after, resourceId);
        }
        addRelatedMatchingTrigger();
        TriggerIndex index = new TriggerIndex(automations);
        List<TriggerIndex.Entry> mine = index.entries().stream()
                .filter(e -> e.workspaceId().equals(Workspaces.DEFAULT)).toList();

        for (String name : names) {
            for (String id : ids) {
                ReceivedEvent event = event(name, id);
                List<TriggerIndex.Entry> candidates = index.candidates(Workspaces.DEFAULT, event);
                List<TriggerIndex.Entry> scanned = mine.stream()
                        .filter(e -> e.evaluator().matcher().covers(event)).toList();
                assertThat(candidates).as("%s on %s", name, id).containsAll(scanned).doesNotHaveDuplicates()
                        .isSortedAccordingTo((x, y) -> Integer.compare(x.ordinal(), y.ordinal()));
                candidates.stream().filter(e -> !scanned.contains(e)).forEach(extra ->
                        assertThat(narrowable(extra.evaluator().trigger()))
                                .as("%s reached %s on %s", extra.evaluator().trigger(), name, id).isFalse());
            }
        }
    }

    /**
     * Adding, replacing and removing automations one change at a time (through overlays and merges)
     * gives the same candidates, in the same order, as building the index from scratch over the
     * automations that remain, in the order they were last changed.
     */
    @Test
    void changesAppliedOneByOneAgreeWithAFullRebuild() {
        Random random = new Random(11);
        List<String> names = List.of("a", "a.b", "a.b.c", "x.y.z", "b.a");
        List<String> namePatterns = List.of("a", "a.b", "a.*", "*", "a?b", "x.*", "b.[a-z]");
        List<String> ids = List.of("res.1", "res.12", "res.2", "other.1");
        List<Object> idPatterns = List.of("res.1", "res.*", "!res.1", "*", "other.*", List.of("res.*", "!res.2"));
        LinkedHashMap<UUID, TriggerIndex.Indexed> model = new LinkedHashMap<>();
        List<UUID> known = new ArrayList<>();
        TriggerIndex incremental = TriggerIndex.EMPTY;
        for (int step = 0; step < 1500; step++) {
            int action = random.nextInt(10);
            if (action < 3 && !model.isEmpty()) {
                UUID gone = known.get(random.nextInt(known.size()));
                model.remove(gone);
                incremental = incremental.without(gone);
            } else {
                UUID id = action < 6 && !known.isEmpty() ? known.get(random.nextInt(known.size())) : UUID.randomUUID();
                known.add(id);
                Object resourceId = idPatterns.get(random.nextInt(idPatterns.size()));
                EventTrigger leaf = new EventTrigger(null, new ResourceSpecification(Map.of(Resource.ID, resourceId)),
                        null, List.of(), pick(random, namePatterns, 1 + random.nextInt(2)), List.of(),
                        random.nextBoolean() ? Posture.Reactive : Posture.Proactive, 1,
                        Duration.ofSeconds(random.nextInt(100)));
                Trigger trigger = random.nextInt(4) == 0 ? new CompoundTrigger(null, List.of(leaf,
                        new EventTrigger(null, null, null, List.of(), List.of("a"), List.of(), Posture.Reactive, 1,
                                Duration.ZERO)), Duration.ZERO, "any") : leaf;
                TriggerIndex.Indexed item = new TriggerIndex.Indexed(random.nextInt(5) == 0 ? OTHER_WORKSPACE
                        : Workspaces.DEFAULT, new Automation(id, null, null, "a" + step, null, true, null, trigger,
                        List.of(), null, null));
                model.remove(id);
                model.put(id, item);
                incremental = incremental.with(item);
            }
            if (step % 25 == 0 || step > 1450) {
                assertSameAsRebuild(incremental, new TriggerIndex(model.values()), names, ids);
            }
        }
    }

    private static void assertSameAsRebuild(TriggerIndex incremental, TriggerIndex rebuilt, List<String> names,
                                            List<String> ids) {
        assertThat(incremental.size()).isEqualTo(rebuilt.size());
        assertThat(triggerIds(incremental.entries())).isEqualTo(triggerIds(rebuilt.entries()));
        assertThat(triggerIds(incremental.proactive())).isEqualTo(triggerIds(rebuilt.proactive()));
        assertThat(incremental.workspaces()).containsAll(rebuilt.workspaces());
        assertThat(incremental.longestWithin()).isGreaterThanOrEqualTo(rebuilt.longestWithin());
        for (TriggerIndex.Entry entry : rebuilt.entries()) {
            TriggerIndex.Entry found = incremental.byTriggerId(entry.evaluator().trigger().id());
            assertThat(found).isNotNull();
            assertThat(found.automation()).isEqualTo(entry.automation());
        }
        for (UUID workspace : List.of(Workspaces.DEFAULT, OTHER_WORKSPACE)) {
            for (String name : names) {
                assertThat(triggerIds(incremental.candidates(workspace, name)))
                        .isEqualTo(triggerIds(rebuilt.candidates(workspace, name)));
                for (String id : ids) {
                    ReceivedEvent event = event(name, id);
                    List<TriggerIndex.Entry> candidates = incremental.candidates(workspace, event);
                    assertThat(triggerIds(candidates)).as("%s on %s", name, id)
                            .isEqualTo(triggerIds(rebuilt.candidates(workspace, event)));
                    assertThat(candidates).isSortedAccordingTo((x, y) -> Integer.compare(x.ordinal(), y.ordinal()));
                }
            }
        }
    }

    /** An automation whose trigger cannot be indexed is skipped; the others are still found. */
    @Test
    void anAutomationThatCannotBeIndexedIsSkipped() {
        EventTrigger good = add(List.of("a"), List.of(), "res.1");
        // As stored before validation refused it: a null event name.
        EventTrigger bad = new EventTrigger(null, null, null, List.of(), java.util.Arrays.asList("a", null),
                List.of(), Posture.Reactive, 1, Duration.ZERO);
        addAutomation(Workspaces.DEFAULT, bad);
        TriggerIndex index = new TriggerIndex(automations).with(new TriggerIndex.Indexed(Workspaces.DEFAULT,
                new Automation(UUID.randomUUID(), null, null, "bad too", null, true, null, bad, List.of(), null, null)));

        assertThat(triggerIds(index.candidates(Workspaces.DEFAULT, event("a", "res.1")))).containsExactly(good.id());
        assertThat(index.byTriggerId(bad.id())).isNull();
    }

    private void addRelatedMatchingTrigger() {
        EventTrigger trigger = new EventTrigger(null, null,
                MatchRelated.of(Map.of(Resource.ROLE, "flow")), null, List.of("a"), null, Posture.Reactive, 1,
                Duration.ZERO);
        addAutomation(Workspaces.DEFAULT, trigger);
        ReceivedEvent withFlow = new ReceivedEvent(T0, "a", Resource.of("res.1"),
                List.of(new RelatedResource(Map.of(Resource.ID, "f", Resource.ROLE, "flow"))), Map.of(),
                UUID.randomUUID(), null, T0);
        assertThat(new TriggerIndex(automations).candidates(Workspaces.DEFAULT, withFlow).stream()
                .filter(e -> e.evaluator().matcher().covers(withFlow)).map(e -> e.evaluator().trigger()))
                .contains(trigger);
    }

    /** Whether every name and id pattern is literal or a literal prefix with one trailing '*', and nothing is negated. */
    private static boolean narrowable(EventTrigger trigger) {
        List<String> names = new ArrayList<>(trigger.expect());
        names.addAll(trigger.after());
        Object id = trigger.match().asMap().get(Resource.ID);
        List<String> idPatterns = id instanceof String s ? List.of(s)
                : id instanceof List<?> list ? list.stream().map(String.class::cast).toList() : List.of();
        return !trigger.expect().isEmpty() && names.stream().allMatch(TriggerIndexTest::literalOrPrefix)
                && !idPatterns.isEmpty() && idPatterns.stream().allMatch(TriggerIndexTest::literalOrPrefix)
                && trigger.matchRelated().equals(MatchRelated.NONE);
    }

    private static boolean literalOrPrefix(String pattern) {
        String body = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return !body.startsWith("!") && body.chars().noneMatch(c -> c == '*' || c == '?' || c == '[');
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }
}
