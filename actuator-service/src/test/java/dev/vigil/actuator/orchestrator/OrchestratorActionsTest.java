package dev.vigil.actuator.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.Action;
import dev.vigil.model.action.CancelFlowRun;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.PauseAutomation;
import dev.vigil.model.action.PauseDeployment;
import dev.vigil.model.action.PauseWorkPool;
import dev.vigil.model.action.PauseWorkQueue;
import dev.vigil.model.action.ResumeAutomation;
import dev.vigil.model.action.ResumeDeployment;
import dev.vigil.model.action.ResumeFlowRun;
import dev.vigil.model.action.ResumeWorkPool;
import dev.vigil.model.action.ResumeWorkQueue;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.SuspendFlowRun;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each orchestrator action sends exactly the request a Prefect server accepts. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class OrchestratorActionsTest {

    private static final String ACCEPT = "{\"status\": \"ACCEPT\", \"details\": {}, \"state\": {}}";

    @Inject
    ActionExecutor executor;

    private void run(ActionMessage message) {
        InVertx.await(() -> executor.execute(message));
    }

    private static ActionMessage withEventAbout(Action action, Resource resource, RelatedResource... related) {
        return Messages.of(action, Messages.event(resource, List.of(related)), Map.of());
    }

    private static LoggedRequest only(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = Receiver.SERVER.findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> json(LoggedRequest request) throws Exception {
        return VigilJson.mapper().readValue(request.getBodyAsString(), Map.class);
    }

    @Test
    void runDeploymentInfersTheDeploymentAndSendsTypedParameters() throws Exception {
        UUID deployment = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        String path = "/api/deployments/" + deployment + "/create_flow_run";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + flowRun + "\", \"name\": \"happy-otter\"}")));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("answer", "{{ event.payload.answer }}");
        parameters.put("greeting", "Hello {{ event.resource.name }}");
        parameters.put("plain", 7);
        parameters.put("nested", Map.of("id", "{{ event.resource.id }}"));
        parameters.put("v2", Map.of("__prefect_kind", "json", "value", "[1, 2]"));
        RunDeployment action = new RunDeployment(TargetSource.INFERRED, null, parameters,
                Map.of("image", "etl:2"), Duration.ofSeconds(60));
        ActionMessage message = withEventAbout(action,
                new Resource(Map.of(Resource.ID, "my.thing", Resource.NAME, "Widget")),
                new RelatedResource(Map.of(Resource.ID, "prefect.deployment." + deployment,
                        Resource.ROLE, "deployment")));
        OffsetDateTime before = OffsetDateTime.now();
        run(message);

        LoggedRequest request = only(postRequestedFor(urlEqualTo(path)));
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer pnu_test_key");
        assertThat(request.getHeader("Prefect-Automation-ID")).isEqualTo(message.automation().id().toString());
        assertThat(new String(Base64.getDecoder().decode(request.getHeader("Prefect-Automation-Name")),
                StandardCharsets.UTF_8)).isEqualTo("Ops alert");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        Map<String, Object> body = json(request);
        assertThat(body.get("parameters")).isEqualTo(Map.of("answer", 42, "greeting", "Hello Widget", "plain", 7,
                "nested", Map.of("id", "my.thing"), "v2", List.of(1, 2)));
        assertThat(body.get("job_variables")).isEqualTo(Map.of("image", "etl:2"));
        assertThat(body.get("idempotency_key")).isEqualTo("automation " + message.automation().id()
                + ", action 0, invocation " + message.idempotencyKey());
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) body.get("state");
        assertThat(state.get("type")).isEqualTo("SCHEDULED");
        OffsetDateTime scheduled = OffsetDateTime.parse(
                (String) ((Map<?, ?>) state.get("state_details")).get("scheduled_time"));
        assertThat(scheduled).isAfterOrEqualTo(before.plusSeconds(59)).isBefore(before.plusSeconds(70));
        assertThat(Executions.of(message).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void runDeploymentConflictFailsWithPrefectsReason() {
        UUID deployment = UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo("/api/deployments/" + deployment + "/create_flow_run"))
                .willReturn(aResponse().withStatus(409).withBody("{\"detail\": \"Deployment is paused\"}")));
        ActionMessage message = Messages.of(new RunDeployment(null, deployment, null, null, null));
        run(message);
        JsonPath execution = Executions.of(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("reason"))
                .isEqualTo("Validation error occurred for 'run-deployment' - Deployment is paused");
    }

    @Test
    void pauseAndResumeDeployment() {
        UUID deployment = UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo("/api/deployments/" + deployment + "/pause_deployment"))
                .willReturn(aResponse().withStatus(204)));
        Receiver.SERVER.stubFor(post(urlEqualTo("/api/deployments/" + deployment + "/resume_deployment"))
                .willReturn(aResponse().withStatus(204)));
        run(Messages.of(new PauseDeployment(TargetSource.SELECTED, deployment)));
        run(Messages.of(new ResumeDeployment(TargetSource.SELECTED, deployment)));
        only(postRequestedFor(urlEqualTo("/api/deployments/" + deployment + "/pause_deployment")));
        only(postRequestedFor(urlEqualTo("/api/deployments/" + deployment + "/resume_deployment")));
    }

    @Test
    void cancelFlowRunUsesTheTriggeringLabels() throws Exception {
        UUID flowRun = UUID.randomUUID();
        String path = "/api/flow_runs/" + flowRun + "/set_state";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withBody(ACCEPT)));
        ActionMessage message = Messages.of(new CancelFlowRun(), null,
                Map.of(Resource.ID, "prefect.flow-run." + flowRun));
        run(message);
        Map<String, Object> body = json(only(postRequestedFor(urlEqualTo(path))));
        assertThat(body).isEqualTo(Map.of("state", Map.of("type", "CANCELLING", "name", "Cancelling",
                "message", "Cancelled by Automation " + message.automation().id()), "force", false));
    }

    @Test
    void suspendFlowRunSetsAPausedStateWithATimeout() throws Exception {
        UUID flowRun = UUID.randomUUID();
        String path = "/api/flow_runs/" + flowRun + "/set_state";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withBody(ACCEPT)));
        ActionMessage message = withEventAbout(new SuspendFlowRun(), Resource.of("prefect.flow-run." + flowRun));
        run(message);
        Receiver.SERVER.verify(1, postRequestedFor(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$.state.type", equalTo("PAUSED")))
                .withRequestBody(matchingJsonPath("$.state.name", equalTo("Suspended")))
                .withRequestBody(matchingJsonPath("$.state.message",
                        equalTo("Suspended by Automation " + message.automation().id())))
                .withRequestBody(matchingJsonPath("$.state.state_details.pause_timeout"))
                .withRequestBody(matchingJsonPath("$.force", equalTo("false"))));
    }

    @Test
    void changeFlowRunStateAndARejectionFails() {
        UUID flowRun = UUID.randomUUID();
        String path = "/api/flow_runs/" + flowRun + "/set_state";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201)
                .withBody("{\"status\": \"REJECT\", \"details\": {\"reason\": \"run is finished\"}}")));
        ActionMessage message = withEventAbout(new ChangeFlowRunState("Nope", "failed", "stop it", true),
                Resource.of("prefect.flow-run." + flowRun));
        run(message);
        Receiver.SERVER.verify(1, postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(
                "{\"state\": {\"type\": \"FAILED\", \"name\": \"Nope\", \"message\": \"stop it\"}, \"force\": true}")));
        JsonPath execution = Executions.of(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("reason")).contains("REJECT").contains("run is finished");
    }

    @Test
    void resumeFlowRun() {
        UUID flowRun = UUID.randomUUID();
        String path = "/api/flow_runs/" + flowRun + "/resume";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withBody(ACCEPT)));
        ActionMessage message = withEventAbout(new ResumeFlowRun(), Resource.of("prefect.flow-run." + flowRun));
        run(message);
        only(postRequestedFor(urlEqualTo(path)));
        assertThat(Executions.of(message).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void flowRunActionWithoutAFlowRunFails() {
        ActionMessage message = Messages.of(new CancelFlowRun());
        run(message);
        assertThat(Executions.of(message).getString("reason")).isEqualTo("No flow run could be inferred");
    }

    @Test
    void pauseAndResumeWorkQueue() {
        UUID queue = UUID.randomUUID();
        String path = "/api/work_queues/" + queue;
        Receiver.SERVER.stubFor(patch(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        run(withEventAbout(new PauseWorkQueue(TargetSource.INFERRED, null), Resource.of("x.y"),
                new RelatedResource(Map.of(Resource.ID, "prefect.work-queue." + queue, Resource.ROLE, "work-queue"))));
        run(Messages.of(new ResumeWorkQueue(TargetSource.SELECTED, queue)));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"is_paused\": true}")));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"is_paused\": false}")));
    }

    @Test
    void pauseAndResumeWorkPoolFindTheNameFirst() {
        UUID pool = UUID.randomUUID();
        String name = "pool-" + pool;
        Receiver.SERVER.stubFor(post(urlEqualTo("/api/work_pools/filter"))
                .withRequestBody(equalToJson("{\"work_pools\": {\"id\": {\"any_\": [\"" + pool + "\"]}}}"))
                .willReturn(aResponse().withStatus(200).withBody("[{\"id\": \"" + pool + "\", \"name\": \"" + name + "\"}]")));
        Receiver.SERVER.stubFor(patch(urlEqualTo("/api/work_pools/" + name)).willReturn(aResponse().withStatus(204)));
        run(Messages.of(new PauseWorkPool(TargetSource.SELECTED, pool)));
        run(Messages.of(new ResumeWorkPool(TargetSource.SELECTED, pool)));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo("/api/work_pools/" + name))
                .withRequestBody(equalToJson("{\"is_paused\": true}")));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo("/api/work_pools/" + name))
                .withRequestBody(equalToJson("{\"is_paused\": false}")));
    }

    @Test
    void unknownWorkPoolFails() {
        UUID pool = UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo("/api/work_pools/filter"))
                .withRequestBody(matchingJsonPath("$.work_pools.id.any_[0]", equalTo(pool.toString())))
                .willReturn(aResponse().withStatus(200).withBody("[]")));
        ActionMessage message = Messages.of(new PauseWorkPool(TargetSource.SELECTED, pool));
        run(message);
        assertThat(Executions.of(message).getString("reason")).isEqualTo("Work pool " + pool + " not found");
    }

    @Test
    void pauseAndResumeAutomationOnTheEvaluator() {
        UUID automation = UUID.randomUUID();
        String path = "/evaluator/api/accounts/00000000-0000-0000-0000-000000000000/workspaces/"
                + "00000000-0000-0000-0000-000000000000/automations/" + automation;
        Receiver.SERVER.stubFor(patch(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        run(withEventAbout(new PauseAutomation(TargetSource.INFERRED, null),
                Resource.of("prefect.automation." + automation)));
        run(Messages.of(new ResumeAutomation(TargetSource.SELECTED, automation)));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"enabled\": false}")));
        Receiver.SERVER.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"enabled\": true}")));
    }

    @Test
    void inferenceWithoutAMatchingResourceFails() {
        ActionMessage message = withEventAbout(new PauseDeployment(TargetSource.INFERRED, null),
                Resource.of("prefect.deployment.not-a-uuid"));
        run(message);
        assertThat(Executions.of(message).getString("reason")).isEqualTo("No deployment could be inferred");
    }
}
