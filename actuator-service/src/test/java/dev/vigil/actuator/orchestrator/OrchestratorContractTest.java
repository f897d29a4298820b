package dev.vigil.actuator.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.Action;
import dev.vigil.model.action.CancelFlowRun;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.action.PauseDeployment;
import dev.vigil.model.action.PauseWorkPool;
import dev.vigil.model.action.PauseWorkQueue;
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
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every call Vigil makes to an orchestrator, checked against Prefect 3's own OpenAPI document (the part of it
 * that {@code tools/prefect-contract/extract.py} keeps): each request's method and path are a route of Prefect's
 * server, its JSON body is valid under that route's request schema, and every route Vigil depends on is called.
 * The orchestrator is a WireMock answering every call with a body valid under the route's success schema.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class OrchestratorContractTest {

    private static final String API = "/api";

    @Inject
    ActionExecutor executor;

    @Inject
    ActionTemplates templates;

    @Test
    void everyOrchestratorCallIsARouteOfPrefectWithABodyItsSchemaAccepts() throws IOException {
        Contract contract = Contract.load();
        UUID deployment = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        UUID queue = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        UUID limit = UUID.randomUUID();
        answerEverything(flowRun, pool);
        int before = Receiver.SERVER.getAllServeEvents().size();

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("n", "{{ event.payload.answer }}");
        parameters.put("v", Map.of("__prefect_kind", "workspace_variable", "variable_name", "region"));
        run(new RunDeployment(TargetSource.SELECTED, deployment, parameters, Map.of("image", "etl:2"),
                Duration.ofSeconds(30)));
        run(new PauseDeployment(TargetSource.SELECTED, deployment));
        run(new ResumeDeployment(TargetSource.SELECTED, deployment));
        Resource aboutRun = Resource.of("prefect.flow-run." + flowRun);
        run(new CancelFlowRun(), aboutRun);
        run(new SuspendFlowRun(), aboutRun);
        run(new ResumeFlowRun(), aboutRun);
        run(new ChangeFlowRunState("Nope", "failed", "stop it", true), aboutRun);
        run(new PauseWorkQueue(TargetSource.SELECTED, queue));
        run(new ResumeWorkQueue(TargetSource.SELECTED, queue));
        run(new PauseWorkPool(TargetSource.SELECTED, pool));
        run(new ResumeWorkPool(TargetSource.SELECTED, pool));
        ActionMessage everything = Messages.of(new DoNothing(), Messages.event(Resource.of("my.thing"), List.of(
                related("flow-run", flowRun), related("task-run", taskRun), related("flow", flow),
                related("deployment", deployment), related("work-queue", queue), related("work-pool", pool),
                related("concurrency-limit", limit))), Map.of());
        InVertx.await(() -> templates.render("{{ flow_run.name }} {{ task_run.name }} {{ flow.name }} "
                + "{{ deployment.name }} {{ work_queue.name }} {{ work_pool.name }} {{ concurrency_limit.name }} "
                + "{{ variables.region }}", everything));

        List<LoggedRequest> requests = new ArrayList<>();
        Receiver.SERVER.getAllServeEvents().subList(0, Receiver.SERVER.getAllServeEvents().size() - before)
                .forEach(event -> requests.add(event.getRequest()));
        List<String> problems = new ArrayList<>();
        Set<Contract.Call> called = new LinkedHashSet<>();
        for (LoggedRequest request : requests) {
            String path = request.getUrl().substring(API.length()).replaceAll("\\?.*", "");
            Contract.Call call = contract.route(request.getMethod().getName(), path);
            if (call == null) {
                problems.add(request.getMethod() + " " + path + " is no route of Prefect's API");
                continue;
            }
            called.add(call);
            problems.addAll(contract.checkBody(call, request.getBodyAsString()));
        }
        assertThat(problems).isEmpty();
        assertThat(called).as("every Prefect route Vigil depends on is called")
                .containsExactlyInAnyOrderElementsOf(contract.calls());
    }

    @Test
    void theContractRefusesWhatPrefectRefuses() throws IOException {
        Contract contract = Contract.load();
        Contract.Call create = contract.route("POST", "/deployments/" + UUID.randomUUID() + "/create_flow_run");

        assertThat(contract.checkBody(create, "{\"parameters\": {}}")).isEmpty();
        assertThat(contract.checkBody(create, "{\"parameters\": {}, \"unknown_field\": 1}")).isNotEmpty();
        assertThat(contract.checkBody(create, "{\"state\": {\"type\": \"NOT_A_STATE\"}}")).isNotEmpty();
        assertThat(contract.route("POST", "/deployments/" + UUID.randomUUID() + "/create_flow_runs")).isNull();
        assertThat(contract.route("GET", "/work_pools/filter")).isNull();
    }

    private void run(Action action) {
        ActionMessage message = Messages.of(action);
        InVertx.await(() -> executor.execute(message));
    }

    private void run(Action action, Resource about) {
        ActionMessage message = Messages.of(action, Messages.event(about, List.of()), Map.of());
        InVertx.await(() -> executor.execute(message));
    }

    private static RelatedResource related(String kind, UUID id) {
        return new RelatedResource(Map.of(Resource.ID, "prefect." + kind + "." + id, Resource.ROLE, kind));
    }

    /** Answers as Prefect's server would, with bodies its response schemas accept (what Vigil reads of them). */
    private static void answerEverything(UUID flowRun, UUID pool) {
        String orchestrationResult = "{\"status\": \"ACCEPT\", \"details\": {}, \"state\": null}";
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/flow_runs/[^/]+/(set_state|resume)"))
                .willReturn(json(201, orchestrationResult)));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/deployments/[^/]+/create_flow_run"))
                .willReturn(json(201, "{\"id\": \"" + flowRun + "\", \"name\": \"happy-otter\", \"flow_id\": \""
                        + UUID.randomUUID() + "\"}")));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/deployments/[^/]+/(pause|resume)_deployment"))
                .willReturn(aResponse().withStatus(200)));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/(work_queues|work_pools)/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/work_pools/filter"))
                .willReturn(json(200, "[{\"id\": \"" + pool + "\", \"name\": \"pool-" + pool + "\"}]")));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/variables/filter"))
                .willReturn(json(200, "[{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"region\", "
                        + "\"value\": \"eu\", \"tags\": []}]")));
        Receiver.SERVER.stubFor(any(urlPathMatching(API + "/(flow_runs|task_runs|flows|deployments|work_queues|"
                + "v2/concurrency_limits)/[^/]+(/status)?")).atPriority(10)
                .willReturn(json(200, "{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"object\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The routes of Prefect's API that Vigil calls, with their request schemas. */
    private static final class Contract {

        record Call(String method, String path, Pattern pattern, JsonNode body) {
        }

        private final List<Call> calls = new ArrayList<>();
        private final ObjectNode components;
        private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

        private Contract(JsonNode document) {
            this.components = (ObjectNode) document.get("components");
            for (JsonNode call : document.get("calls")) {
                String path = call.get("path").asText();
                Pattern pattern = Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+"));
                calls.add(new Call(call.get("method").asText(), path, pattern, call.get("body")));
            }
        }

        static Contract load() throws IOException {
            try (InputStream in = OrchestratorContractTest.class.getResourceAsStream(
                    "/prefect-contract/orchestrator-api.json")) {
                return new Contract(VigilJson.mapper().readTree(in));
            }
        }

        List<Call> calls() {
            return calls;
        }

        /** The route a request took: the literal one first ({@code /work_pools/filter} before {@code {name}}). */
        Call route(String method, String path) {
            return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).findFirst()
                    .orElseGet(() -> calls.stream().filter(c -> c.method().equals(method)
                            && c.pattern().matcher(path).matches()).findFirst().orElse(null));
        }

        List<String> checkBody(Call call, String body) {
            if (call.body() == null || call.body().isNull()) {
                return body == null || body.isBlank() ? List.of()
                        : List.of(call.method() + " " + call.path() + " takes no body, got " + body);
            }
            ObjectNode schema = VigilJson.mapper().createObjectNode();
            schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            schema.setAll((ObjectNode) call.body().deepCopy());
            schema.set("components", components);
            JsonSchema validator = factory.getSchema(schema);
            try {
                Set<ValidationMessage> errors = validator.validate(VigilJson.mapper().readTree(body));
                return errors.stream().map(e -> call.method() + " " + call.path() + ": " + e.getMessage()).toList();
            } catch (IOException e) {
                return List.of(call.method() + " " + call.path() + ": body is not JSON: " + body);
            }
        }
    }
}
