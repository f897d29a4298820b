package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JinjaEnvironmentTest {

    private static final String UI = "http://ui.example";
    private static final UUID EVENT_ID = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID AUTOMATION_ID = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID FLOW_RUN_ID = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final UUID CHILD_EVENT_ID = UUID.fromString("44444444-4444-4444-4444-444444444444");

    private final JinjaEnvironment jinja = new JinjaEnvironment(TemplateLimits.DEFAULTS, UI);

    private static ReceivedEvent event() {
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put(Resource.ID, "prefect.flow-run." + FLOW_RUN_ID);
        resource.put(Resource.NAME, "crimson-fox");
        resource.put("prefect.state-type", "FAILED");
        Map<String, String> flow = new LinkedHashMap<>();
        flow.put(Resource.ID, "prefect.flow.f1");
        flow.put(Resource.ROLE, "flow");
        flow.put(Resource.NAME, "etl");
        Map<String, String> tag1 = new LinkedHashMap<>();
        tag1.put(Resource.ID, "prefect.tag.a");
        tag1.put(Resource.ROLE, "tag");
        Map<String, String> tag2 = new LinkedHashMap<>();
        tag2.put(Resource.ID, "prefect.tag.b");
        tag2.put(Resource.ROLE, "tag");
        return new ReceivedEvent(OffsetDateTime.parse("2026-01-02T03:04:05Z"), "prefect.flow-run.Failed",
                new Resource(resource),
                List.of(new RelatedResource(flow), new RelatedResource(tag1), new RelatedResource(tag2)),
                Map.of("size", 3, "nested", Map.of("ok", true)), EVENT_ID, null,
                OffsetDateTime.parse("2026-01-02T03:04:06Z"));
    }

    private static ActionMessage message() {
        ReceivedEvent event = event();
        ReceivedEvent childEvent = new ReceivedEvent(event.occurred(), "child.happened",
                Resource.of("my.child"), List.of(), Map.of(), CHILD_EVENT_ID, null, event.received());
        EventTrigger trigger = new EventTrigger(null, null, null, null, List.of("prefect.flow-run.Failed"), null,
                Posture.Reactive, 1, Duration.ZERO);
        Automation automation = new Automation(AUTOMATION_ID, event.occurred(), event.occurred(), "On failure",
                "tell someone", true, List.of("ops"), trigger, List.of(new DoNothing()), null, null);
        Firing child = new Firing(UUID.randomUUID(), UUID.randomUUID(), FiringState.Triggered, event.occurred(),
                Map.of("child.label", "c"), List.of(), childEvent);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("prefect.resource.id", "prefect.flow-run." + FLOW_RUN_ID);
        labels.put("a.b", "deep");
        Firing firing = new Firing(UUID.randomUUID(), trigger.id(), FiringState.Triggered, event.occurred(),
                labels, List.of(child), event);
        return new ActionMessage(ActionMessage.idempotencyKey(firing.id(), 0), Workspaces.DEFAULT, automation,
                firing, 0, automation.actions().get(0), event, labels, List.of(firing, child),
                List.of(event, childEvent), UUID.randomUUID());
    }

    private static Map<String, Object> context() {
        Map<String, Map<String, Object>> fetched = Map.of(
                "flow_run", Map.of("id", FLOW_RUN_ID.toString(), "name", "crimson-fox", "state_name", "Failed"),
                "flow", Map.of("id", "f1", "name", "etl"),
                "deployment", Map.of("id", "d1", "name", "nightly"),
                "work_pool", Map.of("id", "p1", "name", "k8s-pool"),
                "work_queue", Map.of("id", "q1", "name", "default", "late_runs_count", 2));
        return TemplateContext.forAction(message(), UI, fetched);
    }

    private String render(String template) {
        return jinja.render(template, context());
    }

    // --- every context variable ------------------------------------------------------------------

    @Test
    void automationFieldsRenderAndLinkToTheUi() {
        assertThat(render("{{ automation.name }}|{{ automation.description }}|{{ automation.tags[0] }}|"
                + "{{ automation.trigger.expect[0] }}|{{ automation | ui_url }}"))
                .isEqualTo("On failure|tell someone|ops|prefect.flow-run.Failed|" + UI
                        + "/automations/automation/" + AUTOMATION_ID);
    }

    @Test
    void eventFieldsRender() {
        assertThat(render("{{ event.event }}|{{ event.id }}|{{ event.payload.size }}|{{ event.payload.nested.ok }}"))
                .isEqualTo("prefect.flow-run.Failed|" + EVENT_ID + "|3|true");
        assertThat(render("{{ event.url }}")).isEqualTo(UI + "/events/event/2026-01-02/" + EVENT_ID);
        assertThat(render("{{ event | ui_url }}")).isEqualTo(UI + "/events/event/2026-01-02/" + EVENT_ID);
    }

    @Test
    void eventResourceAttributesAndLabels() {
        assertThat(render("{{ event.resource.id }}|{{ event.resource.name }}|{{ event.resource['prefect.state-type'] }}"
                + "|{{ event.resource.labels.prefect.resource.name }}"))
                .isEqualTo("prefect.flow-run." + FLOW_RUN_ID + "|crimson-fox|FAILED|crimson-fox");
        assertThat(render("{{ event.resource | ui_url }}")).isEqualTo(UI + "/runs/flow-run/" + FLOW_RUN_ID);
    }

    @Test
    void iteratingAResourceYieldsLabelValuePairs() {
        assertThat(render("{% for label, value in event.resource %}{{ label }}={{ value }};{% endfor %}"))
                .isEqualTo("prefect.resource.id=prefect.flow-run." + FLOW_RUN_ID
                        + ";prefect.resource.name=crimson-fox;prefect.state-type=FAILED;");
    }

    @Test
    void iteratingRelatedResourcesAndTheirLabels() {
        String template = "{% for related in event.related %}[{% for label, value in related %}"
                + "{{ label }}={{ value }} {% endfor %}]{% endfor %}";
        assertThat(render(template)).isEqualTo(
                "[prefect.resource.id=prefect.flow.f1 prefect.resource.role=flow prefect.resource.name=etl ]"
                        + "[prefect.resource.id=prefect.tag.a prefect.resource.role=tag ]"
                        + "[prefect.resource.id=prefect.tag.b prefect.resource.role=tag ]");
        assertThat(render("{% for r in event.related %}{{ r.role }}:{{ r.id }} {% endfor %}"))
                .isEqualTo("flow:prefect.flow.f1 tag:prefect.tag.a tag:prefect.tag.b ");
    }

    @Test
    void resourceInRoleAndResourcesInRole() {
        assertThat(render("{{ event.resource_in_role.flow.name }}|{{ event.resource_in_role['tag'].id }}|"
                + "{% for t in event.resources_in_role.tag %}{{ t.id }},{% endfor %}|"
                + "{{ event.involved_resources | length }}"))
                .isEqualTo("etl|prefect.tag.a|prefect.tag.a,prefect.tag.b,|4");
    }

    @Test
    void dictItemsLoopStillWorks() {
        assertThat(render("{% for k, v in event.payload.items() %}{{ k }}{% endfor %}")).contains("size");
        // labels is Prefect's LabelDiver, which iterates as (label, value) pairs, also through sort.
        assertThat(render("{% for k, v in labels|sort %}{{ k }};{% endfor %}")).isEqualTo("a.b;prefect.resource.id;");
    }

    @Test
    void labelsByDottedKeyAndByAttribute() {
        assertThat(render("{{ labels['a.b'] }}|{{ labels.a.b }}|{{ labels['prefect.resource.id'] }}"))
                .isEqualTo("deep|deep|prefect.flow-run." + FLOW_RUN_ID);
        assertThat(render("{{ labels.missing.label }}")).isEmpty();
    }

    @Test
    void firingFiringsAndEvents() {
        assertThat(render("{{ firing.trigger_state }}|{{ firing.triggering_labels['a.b'] }}|"
                + "{{ firing.triggering_event.resource.name }}|{{ firing.triggering_firings[0].triggering_labels['child.label'] }}"))
                .isEqualTo("Triggered|deep|crimson-fox|c");
        assertThat(render("{{ firings | length }}|{% for e in events %}{{ e.event }},{% endfor %}"))
                .isEqualTo("2|prefect.flow-run.Failed,child.happened,");
    }

    @Test
    void orchestratorObjectsRenderAndLink() {
        assertThat(render("{{ flow_run.name }}|{{ flow.name }}|{{ deployment.name }}|{{ work_pool.name }}|"
                + "{{ work_queue.late_runs_count }}"))
                .isEqualTo("crimson-fox|etl|nightly|k8s-pool|2");
        assertThat(render("{{ flow_run | ui_url }}|{{ deployment | ui_url }}|{{ work_pool | ui_url }}|"
                + "{{ work_queue | ui_url }}|{{ flow | ui_url }}"))
                .isEqualTo(UI + "/runs/flow-run/" + FLOW_RUN_ID + "|" + UI + "/deployments/deployment/d1|"
                        + UI + "/work-pools/work-pool/k8s-pool|" + UI + "/work-queues/work-queue/q1|"
                        + UI + "/flows/flow/f1");
    }

    @Test
    void orchestratorObjectsAreEmptyWhenNotFetched() {
        assertThat(jinja.render("[{{ flow_run.name }}{{ deployment }}]", TemplateContext.forAction(message())))
                .isEqualTo("[]");
    }

    @Test
    void uiUrlIsEmptyWithoutAConfiguredUi() {
        JinjaEnvironment noUi = new JinjaEnvironment();
        assertThat(noUi.render("[{{ automation | ui_url }}]", TemplateContext.forAction(message()))).isEqualTo("[]");
    }

    @Test
    void tojsonSerialisesResourcesEventsAndLabels() throws Exception {
        JsonNode resource = VigilJson.mapper().readTree(render("{{ event.resource | tojson }}"));
        assertThat(resource.path("prefect.resource.name").asText()).isEqualTo("crimson-fox");
        assertThat(resource.has("id")).isFalse();
        JsonNode event = VigilJson.mapper().readTree(render("{{ event | tojson }}"));
        assertThat(event.path("id").asText()).isEqualTo(EVENT_ID.toString());
        assertThat(event.path("related").get(0).path("prefect.resource.role").asText()).isEqualTo("flow");
        assertThat(event.has("resource_in_role")).isFalse();
        JsonNode labels = VigilJson.mapper().readTree(render("{{ labels | tojson }}"));
        assertThat(labels.path("a.b").asText()).isEqualTo("deep");
        assertThat(render("{{ event.payload.size | tojson }}")).isEqualTo("3");
    }

    @Test
    void undefinedRendersEmpty() {
        assertThat(render("[{{ nothing.here.at.all }}{{ event.nope.deeper }}]")).isEqualTo("[]");
    }

    @Test
    void plainTextIsNotRendered() {
        assertThat(jinja.render("no {templates} here {#", Map.of())).isEqualTo("no {templates} here {#");
    }

    @Test
    void singleTrailingNewlineIsDropped() {
        assertThat(render("{{ event.event }}\n")).isEqualTo("prefect.flow-run.Failed");
    }

    // --- renders share a per-thread root context, never state ------------------------------------

    @Test
    void variablesAndMacrosOfOneRenderDoNotReachTheNext() {
        assertThat(jinja.render("{% set secret = 'x' %}{% macro m() %}M{% endmacro %}{{ secret }}{{ m() }}", Map.of()))
                .isEqualTo("xM");
        assertThat(jinja.render("[{{ secret }}]", Map.of())).isEqualTo("[]");
        assertThatThrownBy(() -> jinja.render("{{ m() }}", Map.of()))
                .isInstanceOf(TemplateRenderException.class).hasMessageContaining("Could not resolve function 'm'");
    }

    @Test
    void concurrentRendersEachSeeTheirOwnBindings() throws Exception {
        int threads = 4;
        int rendersEach = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < rendersEach; i++) {
                        String expected = thread + "-" + i;
                        String out = jinja.render("{% set n = value %}{{ n }}", Map.of("value", expected));
                        if (!out.equals(expected)) {
                            wrong.add(out + " instead of " + expected);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mentionsFindsContextNames() {
        assertThat(JinjaEnvironment.mentions("{{ flow_run.name }}", "flow_run")).isTrue();
        assertThat(JinjaEnvironment.mentions("{{ flow_run.name }}", "flow")).isFalse();
        assertThat(JinjaEnvironment.mentions("{{ event.flow }}", "flow")).isFalse();
        assertThat(JinjaEnvironment.mentions("{{ flow.name }}", "flow")).isTrue();
    }

    // --- the sandbox ----------------------------------------------------------------------------

    @Test
    void classPropertyAndDunderRenderEmpty() {
        assertThat(render("[{{ event.class }}{{ event.resource.class }}{{ event.__type__ }}{{ ''.class }}]"))
                .isEqualTo("[]");
    }

    @Test
    void getClassCallFailsWithAReasonInsteadOfExecuting() {
        assertThatThrownBy(() -> render("{{ event.getClass() }}"))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("getClass");
        assertThatThrownBy(() -> render("{{ 'x'.getClass().forName('java.lang.Runtime') }}"))
                .isInstanceOf(TemplateRenderException.class);
    }

    @Test
    void reflectionAndProcessControlAreRefused() {
        for (String template : List.of("{{ event.resource.getClass().getClassLoader() }}",
                "{{ automation.getClass().getMethods() }}", "{{ ''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned') }}")) {
            assertThatThrownBy(() -> render(template)).as(template).isInstanceOf(TemplateRenderException.class);
        }
        assertThat(new java.io.File("/tmp/pwned")).doesNotExist();
    }

    @Test
    void collectionsCannotBeMutated() {
        assertThatThrownBy(() -> render("{{ event.payload.update({'size': 9}) }}"))
                .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> render("{{ automation.tags.append('x') }}"))
                .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> render("{{ labels.clear() }}")).isInstanceOf(TemplateRenderException.class);
    }

    @Test
    void includeImportAndExtendsFail() {
        for (String template : List.of("{% include 'application.properties' %}", "{% import 'x.j2' as x %}",
                "{% extends 'base.html' %}", "{% from 'x' import y %}")) {
            assertThatThrownBy(() -> render(template)).as(template).isInstanceOf(TemplateRenderException.class);
        }
    }

    @Test
    void oversizedRangeIsRefusedNotCut() {
        assertThatThrownBy(() -> render("{% for i in range(1000) %}x{% endfor %}"))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("over the limit of " + TemplateLimits.DEFAULTS.rangeLimit());
    }

    @Test
    void outputIsCapped() {
        JinjaEnvironment small = new JinjaEnvironment(TemplateLimits.DEFAULTS.withMaxOutputChars(50));
        assertThatThrownBy(() -> small.render("{% for i in range(100) %}0123456789{% endfor %}", Map.of()))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("Template rendering failed");
    }

    @Test
    void renderTimeIsCapped() {
        JinjaEnvironment quick = new JinjaEnvironment(TemplateLimits.DEFAULTS.withRenderTimeout(Duration.ofMillis(20)));
        String slow = "{% for i in range(100) %}{% for j in range(100) %}{% for k in range(100) %}"
                + "{% set x = i * j * k %}{% endfor %}{% endfor %}{% endfor %}";
        assertThatThrownBy(() -> quick.render(slow, Map.of()))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("longer than 20 ms");
    }

    @Test
    void syntaxErrorIsReported() {
        assertThatThrownBy(() -> render("{% for x in %}")).isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> render("{{ event.x( }}")).isInstanceOf(TemplateRenderException.class);
    }

    // --- save-time validation -------------------------------------------------------------------

    @Test
    void validTemplatesHaveNoProblems() {
        assertThat(jinja.validate("plain text")).isEmpty();
        assertThat(jinja.validate("{% for r in event.related %}{% for l, v in r %}{{ l }}{% endfor %}{% endfor %}"))
                .isEmpty();
    }

    @Test
    void unparsableTemplateIsAProblemWithItsLine() {
        List<TemplateProblem> problems = jinja.validate("line one\n{% if %}");
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).line()).isEqualTo(2);
        assertThat(jinja.validate("ok\n{% if x %}{{ event.x( }}{% endif %}")).isNotEmpty();
        assertThat(jinja.validate("{% for x in y %}{{ x }}")).isNotEmpty();
    }

    @Test
    void moreThanTenLoopsIsAProblem() {
        String eleven = "{% for x in y %}{% endfor %}\n".repeat(11);
        List<TemplateProblem> problems = jinja.validate(eleven);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).contains("11 for loops");
        assertThat(problems.get(0).line()).isEqualTo(11);
        assertThat(jinja.validate("{% for x in y %}{% endfor %}\n".repeat(10))).isEmpty();
    }

    @Test
    void nestingDeeperThanTwoIsAProblem() {
        List<TemplateProblem> problems = jinja.validate(
                "{% for a in x %}\n{% for b in a %}\n{% for c in b %}{{ c }}{% endfor %}{% endfor %}{% endfor %}");
        assertThat(problems).extracting(TemplateProblem::line).containsExactly(3);
        assertThat(problems.get(0).message()).contains("nested 3 deep");
    }

    @Test
    void anUnclosedExpressionIsAProblemOnItsLine() {
        assertThat(jinja.validate("fine\n{{ event.id")).singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(2));
        assertThat(jinja.validate("{% if x %}")).isNotEmpty();
    }

    @Test
    void aFiringNamesItsTriggerAsPrefectsFiringDoes() {
        assertThat(jinja.render("{{ firing.trigger.posture }} {{ firing.trigger.expect[0] }} {{ firing.trigger.threshold }}",
                context())).isEqualTo("Reactive prefect.flow-run.Failed 1");
        // A child firing's trigger is not in this automation's tree here: it renders empty, it does not fail.
        assertThat(jinja.render("[{{ firing.triggering_firings[0].trigger }}]", context())).isEqualTo("[]");
    }
}
