package dev.vigil.actuator.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator objects and Prefect Variables a template names are read as Prefect reads them, and only
 * those it names; run-deployment's {@code workspace_variable} parameters take the variables' values.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class OrchestratorContextTest {

    @Inject
    ActionTemplates templates;

    @Inject
    ActionExecutor executor;

    private static void answer(MappingBuilder request, String json) {
        Receiver.SERVER.stubFor(request.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    private static RelatedResource related(String kind, UUID id, Map<String, String> more) {
        Map<String, String> labels = new LinkedHashMap<>(more);
        labels.put(Resource.ID, "prefect." + kind + "." + id);
        labels.put(Resource.ROLE, kind);
        return new RelatedResource(labels);
    }

    private String render(String template, ActionMessage message) {
        return InVertx.await(() -> templates.render(template, message));
    }

    private static int requestsTo(String path) {
        return Receiver.SERVER.findAll(anyRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void aTaskRunTakesItsStateFromTheEventAsAFlowRunDoes() {
        UUID taskRun = UUID.randomUUID();
        answer(get(urlEqualTo("/api/task_runs/" + taskRun)), "{\"id\": \"" + taskRun
                + "\", \"name\": \"extract-7\", \"state\": {\"type\": \"RUNNING\", \"name\": \"Running\"}}");
        ActionMessage message = Messages.of(new DoNothing(), Messages.event(Resource.of("my.thing"), List.of(
                related("task-run", taskRun, Map.of("prefect.state-message", "boom", "prefect.state-name", "Failed",
                        "prefect.state-timestamp", "2026-12-07T10:00:00Z", "prefect.state-type", "FAILED")))),
                Map.of());

        assertThat(render("{{ task_run.name }} {{ task_run.state.name }} {{ task_run.state.message }}", message))
                .isEqualTo("extract-7 Failed boom");
    }

    @Test
    void aConcurrencyLimitIsReadFromPrefectsV2Api() {
        UUID limit = UUID.randomUUID();
        answer(get(urlEqualTo("/api/v2/concurrency_limits/" + limit)), "{\"id\": \"" + limit
                + "\", \"name\": \"db-writers\", \"limit\": 5, \"active_slots\": 5}");
        ActionMessage message = Messages.of(new DoNothing(), Messages.event(Resource.of("my.thing"),
                List.of(related("concurrency-limit", limit, Map.of()))), Map.of());

        assertThat(render("{{ concurrency_limit.name }} {{ concurrency_limit.active_slots }}/"
                + "{{ concurrency_limit.limit }}", message)).isEqualTo("db-writers 5/5");
    }

    @Test
    void aWorkQueueCarriesItsStatusAsPrefectCombinesThem() {
        UUID queue = UUID.randomUUID();
        answer(get(urlEqualTo("/api/work_queues/" + queue)), "{\"id\": \"" + queue + "\", \"name\": \"etl\"}");
        answer(get(urlEqualTo("/api/work_queues/" + queue + "/status")),
                "{\"healthy\": false, \"late_runs_count\": 3}");
        ActionMessage message = Messages.of(new DoNothing(), Messages.event(Resource.of("my.thing"),
                List.of(related("work-queue", queue, Map.of()))), Map.of());

        assertThat(render("{{ work_queue.name }} late={{ work_queue.late_runs_count }} "
                + "healthy={{ work_queue.healthy }}", message)).isEqualTo("etl late=3 healthy=false");
    }

    @Test
    void variablesAreReadPageByPageOnlyWhenATemplateNamesThem() {
        String marker = "team-" + UUID.randomUUID();
        List<String> page = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            page.add("{\"name\": \"v" + i + "\", \"value\": " + i + "}");
        }
        answer(post(urlEqualTo("/api/variables/filter")).withRequestBody(matchingJsonPath("$.offset", equalTo("0"))),
                "[" + String.join(",", page) + "]");
        answer(post(urlEqualTo("/api/variables/filter"))
                        .withRequestBody(matchingJsonPath("$.offset", equalTo("200"))),
                "[{\"name\": \"owner\", \"value\": \"" + marker + "\"}]");
        ActionMessage message = Messages.of(new DoNothing());
        int before = requestsTo("/api/variables/filter");

        assertThat(render("{{ variables.owner }} {{ variables.v199 }}", message)).isEqualTo(marker + " 199");
        assertThat(requestsTo("/api/variables/filter")).isEqualTo(before + 2);

        assertThat(render("{{ event.payload.answer }}", message)).isEqualTo("42");
        assertThat(requestsTo("/api/variables/filter")).isEqualTo(before + 2);
    }

    @Test
    void runDeploymentHydratesWorkspaceVariablesReadingOnlyTheNamesUsed() throws Exception {
        UUID deployment = UUID.randomUUID();
        String path = "/api/deployments/" + deployment + "/create_flow_run";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + UUID.randomUUID() + "\"}")));
        String bucket = "bucket-" + deployment;
        answer(post(urlEqualTo("/api/variables/filter"))
                .withRequestBody(matchingJsonPath("$.variables.name.any_[0]", equalTo(bucket))),
                "[{\"name\": \"" + bucket + "\", \"value\": {\"region\": \"eu\", \"size\": 3}}]");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("target", Map.of("__prefect_kind", "workspace_variable", "variable_name", bucket));
        parameters.put("dropped", Map.of("__prefect_kind", "workspace_variable"));
        parameters.put("list", List.of(1, Map.of("__prefect_kind", "workspace_variable")));
        ActionMessage message = Messages.of(new RunDeployment(TargetSource.SELECTED, deployment, parameters, null,
                Duration.ZERO));

        InVertx.await(() -> executor.execute(message));

        List<LoggedRequest> created = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(created).hasSize(1);
        Map<?, ?> body = VigilJson.mapper().readValue(created.get(0).getBodyAsString(), Map.class);
        assertThat(body.get("parameters")).isEqualTo(Map.of("target", Map.of("region", "eu", "size", 3),
                "list", List.of(1)));
        List<LoggedRequest> reads = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo("/api/variables/filter"))
                .withRequestBody(matchingJsonPath("$.variables.name.any_[0]", equalTo(bucket))));
        assertThat(reads).hasSize(1);
    }

    @Test
    void aMissingWorkspaceVariableFailsTheRunWithPrefectsReason() {
        UUID deployment = UUID.randomUUID();
        String missing = "missing-" + deployment;
        answer(post(urlEqualTo("/api/variables/filter"))
                .withRequestBody(matchingJsonPath("$.variables.name.any_[0]", equalTo(missing))), "[]");
        ActionMessage message = Messages.of(new RunDeployment(TargetSource.SELECTED, deployment,
                Map.of("x", Map.of("__prefect_kind", "workspace_variable", "variable_name", missing)), null,
                Duration.ZERO));

        InVertx.await(() -> executor.execute(message));

        assertThat(Executions.of(message).getString("status")).isEqualTo("failed");
        assertThat(Executions.of(message).getString("reason"))
                .isEqualTo("Failed to hydrate parameters: Variable '" + missing + "' not found in workspace.");
        assertThat(Receiver.SERVER.findAll(postRequestedFor(urlPathMatching(
                "/api/deployments/" + deployment + "/.*")))).isEmpty();
    }
}
