package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of the render bounds on a normal notification template: ns per render with the bounded
 * environment, against the same engine configured as before the bounds (Jinjava's own caps, no wrapped
 * filters, no method allowlist, no budget), both rendered under a per-thread root as {@link RenderRoots}
 * does. Opt-in: {@code -Dvigil.bench=true}; prints its figures, asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class TemplateBoundsBenchmark {

    private static final String TEMPLATE = """
            Flow run {{ event.resource.name }} ({{ event.resource.id }}) entered {{ event.event|upper }}.
            {% for r in event.related %}{{ r.role }}: {{ r.id|default('none') }}{% if not loop.last %}, {% endif %}{% endfor %}
            {{ event.payload|tojson }} {{ event.payload.get('answer', 0) + 1 }} {{ 'x'|center(8) }}""";
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 50_000;
    private static final int ROUNDS = 8;

    @Test
    void boundsOverheadOnANormalRender() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ReceivedEvent event = new ReceivedEvent(now, "prefect.flow-run.Failed",
                new Resource(Map.of(Resource.ID, "prefect.flow-run.1", Resource.NAME, "happy-otter")),
                List.of(new RelatedResource(Map.of(Resource.ID, "prefect.deployment.2", Resource.ROLE, "deployment")),
                        new RelatedResource(Map.of(Resource.ID, "prefect.flow.3", Resource.ROLE, "flow"))),
                Map.of("answer", 41, "reason", "boom"), UUID.randomUUID(), null, now);
        Map<String, Object> context = Map.of("event", EventView.of(event, null));
        JinjaEnvironment bounded = new JinjaEnvironment();
        RenderRoots unbounded = new RenderRoots(unboundedEngine(TemplateLimits.DEFAULTS));
        String expected = bounded.render(TEMPLATE, context);
        String actual = unbounded.render(TEMPLATE, context).getOutput();
        if (!expected.strip().equals(actual.strip())) {
            throw new AssertionError("both engines must render the template alike:\n" + expected + "\n" + actual);
        }
        // Alternating rounds on a shared box; the fastest round of each is the least disturbed one.
        double bestBefore = Double.MAX_VALUE;
        double bestAfter = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            double before = nsPerRender(() -> unbounded.render(TEMPLATE, context));
            double after = nsPerRender(() -> bounded.render(TEMPLATE, context));
            bestBefore = Math.min(bestBefore, before);
            bestAfter = Math.min(bestAfter, after);
            System.out.printf("round %d: unbounded %.0f ns/render, bounded %.0f ns/render%n", round, before, after);
        }
        System.out.printf("best: unbounded %.0f ns/render, bounded %.0f ns/render, overhead %+.1f %%%n",
                bestBefore, bestAfter, 100 * (bestAfter - bestBefore) / bestBefore);
    }

    private static double nsPerRender(Runnable render) {
        for (int i = 0; i < WARMUP; i++) {
            render.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            render.run();
        }
        return (System.nanoTime() - start) / (double) MEASURED;
    }

    /** The engine as configured before the bounds (Jinjava's own output, string, list and range caps only). */
    private static Jinjava unboundedEngine(TemplateLimits limits) {
        LegacyOverrides python = LegacyOverrides.newBuilder().withIterateOverMapKeys(true)
                .withUsePyishObjectMapper(true).withUseNaturalOperatorPrecedence(true)
                .withKeepNullableLoopValues(true).build();
        JinjavaConfig config = JinjavaConfig.newBuilder().withLegacyOverrides(python).withFailOnUnknownTokens(false)
                .withKeepTrailingNewline(false).withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxStringLength()).withMaxListSize(limits.maxCollectionSize())
                .withMaxMapSize(limits.maxCollectionSize()).withRangeLimit(limits.rangeLimit())
                .withMaxRenderDepth(limits.maxRenderDepth()).withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false).withReadOnlyResolver(true)
                .withRestrictedMethods(Sandbox.RESTRICTED_METHODS).withRestrictedProperties(Sandbox.RESTRICTED_PROPERTIES)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends"))).build();
        Jinjava engine = new Jinjava(config);
        engine.getGlobalContext().registerTag(new PairForTag());
        engine.getGlobalContext().registerFilter(new UiUrlFilter(null));
        return engine;
    }
}
