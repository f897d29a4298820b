package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The automations API beyond create/read/delete, each test in a fresh workspace. */
@QuarkusTest
class AutomationApiTest {

    private String base;

    @BeforeEach
    void freshWorkspace() {
        base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
    }

    private static String automation(String name, String extra) {
        return """
                {"name": "%s", %s
                 "trigger": {"type": "event", "expect": ["external.resource.pinged"], "posture": "Reactive",
                             "threshold": 1, "within": 0},
                 "actions": [{"type": "do-nothing"}]}""".formatted(name, extra);
    }

    private RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static RequestSpecification yaml(String body) {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml").body(body);
    }

    private String create(String body) {
        return json(body).post(base + "/automations/").then().statusCode(201).extract().path("id");
    }

    @Test
    void putReplacesTheDefinitionAndRegeneratesTriggerIds() {
        String id = create(automation("before", ""));
        String oldTriggerId = given().get(base + "/automations/" + id).then().extract().path("trigger.id");
        json(automation("after", "\"description\": \"replaced\",")).put(base + "/automations/" + id)
                .then().statusCode(204);
        given().get(base + "/automations/" + id).then().statusCode(200)
                .body("name", equalTo("after"))
                .body("description", equalTo("replaced"))
                .body("trigger.id", not(equalTo(oldTriggerId)));
    }

    @Test
    void putOfAnUnknownAutomationIs404AndOwnerResourceIsRefused() {
        json(automation("x", "")).put(base + "/automations/" + UUID.randomUUID()).then().statusCode(404);
        String id = create(automation("x", ""));
        json(automation("x", "\"owner_resource\": \"prefect.deployment.1\",")).put(base + "/automations/" + id)
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "owner_resource")));
    }

    @Test
    void anUnknownKeyIsReportedOnce() {
        json(automation("x", "\"colour\": \"blue\",")).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail", hasSize(1))
                .body("exception_detail[0].loc", equalTo(List.of("body", "colour")))
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
    }

    @Test
    void aNonStringLabelValueInAMatchIs422NamingNoJavaClass() {
        String body = automation("x", "").replace("\"within\": 0}", "\"within\": 0, \"match\": {\"team\": 7}}");
        json(body).post(base + "/automations/").then().statusCode(422)
                .body(not(org.hamcrest.Matchers.containsString("java.")))
                .body(not(org.hamcrest.Matchers.containsString("dev.vigil")));
    }

    @Test
    void patchPausesAndResumesKeepingTriggerIds() {
        String id = create(automation("pausable", ""));
        String triggerId = given().get(base + "/automations/" + id).then().extract().path("trigger.id");
        json("{\"enabled\": false}").patch(base + "/automations/" + id).then().statusCode(204);
        given().get(base + "/automations/" + id).then().body("enabled", equalTo(false))
                .body("trigger.id", equalTo(triggerId));
        json("{}").patch(base + "/automations/" + id).then().statusCode(204);
        given().get(base + "/automations/" + id).then().body("enabled", equalTo(true));
        json("{\"enabled\": true, \"name\": \"x\"}").patch(base + "/automations/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        json("{\"enabled\": false}").patch(base + "/automations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void filterSortsPagesAndMatchesNamesAndTags() {
        create(automation("alpha", "\"tags\": [\"etl\", \"prod\"],"));
        create(automation("bravo", "\"tags\": [\"prod\"],"));
        create(automation("charlie", ""));
        json("{}").post(base + "/automations/filter").then().statusCode(200)
                .body("name", contains("alpha", "bravo", "charlie"));
        json("{\"sort\": \"NAME_DESC\", \"limit\": 2, \"offset\": 1}").post(base + "/automations/filter")
                .then().body("name", contains("bravo", "alpha"));
        json("{\"automations\": {\"name\": {\"any_\": [\"charlie\", \"nobody\"]}}}").post(base + "/automations/filter")
                .then().body("name", contains("charlie"));
        json("{\"automations\": {\"name\": {\"like_\": \"RAV\"}}}").post(base + "/automations/filter")
                .then().body("name", contains("bravo"));
        json("{\"automations\": {\"name\": {\"like_\": \"%\"}}}").post(base + "/automations/filter")
                .then().body("name", hasSize(0));
        json("{\"automations\": {\"tags\": {\"all_\": [\"etl\", \"prod\"]}}}").post(base + "/automations/filter")
                .then().body("name", contains("alpha"));
        json("{\"automations\": {\"tags\": {\"any_\": [\"prod\"]}}}").post(base + "/automations/filter")
                .then().body("name", contains("alpha", "bravo"));
        json("{\"automations\": {\"tags\": {\"is_null_\": true}}}").post(base + "/automations/filter")
                .then().body("name", contains("charlie"));
        json("{\"limit\": 201}").post(base + "/automations/filter").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "limit")));
        json("{\"sort\": \"SIDEWAYS\"}").post(base + "/automations/filter").then().statusCode(422);
    }

    @Test
    void pagesOfANameOrderHoldEveryAutomationOnceWithEqualNamesInIdOrder() {
        List<String> ids = new ArrayList<>(List.of(create(automation("same", "")),
                create(automation("same", "")), create(automation("same", ""))));
        String last = create(automation("zulu", ""));
        Collections.sort(ids);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 4; offset++) {
            paged.addAll(json("{\"sort\": \"NAME_ASC\", \"limit\": 1, \"offset\": " + offset + "}")
                    .post(base + "/automations/filter").then().statusCode(200).body("$", hasSize(1))
                    .extract().<List<String>>path("id"));
        }
        ids.add(last);
        assertThat(paged).isEqualTo(ids);
        json("{\"sort\": \"NAME_DESC\", \"limit\": 2, \"offset\": 0}").post(base + "/automations/filter")
                .then().body("name", contains("zulu", "same")).body("id[1]", equalTo(ids.get(0)));
        json("{\"limit\": 0}").post(base + "/automations/filter").then().statusCode(200).body("$", hasSize(0));
        json("{\"offset\": " + Integer.MAX_VALUE + "}").post(base + "/automations/filter").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void countCountsTheWorkspace() {
        create(automation("one", ""));
        create(automation("two", ""));
        json("{}").post(base + "/automations/count").then().statusCode(200).body(equalTo("2"));
    }

    @Test
    void relatedToFindsSelectedDeploymentsAndOwners() {
        String deployment = UUID.randomUUID().toString();
        String runs = """
                {"name": "runs it", "trigger": {"posture": "Reactive", "expect": ["x"]},
                 "actions": [{"type": "run-deployment", "source": "selected", "deployment_id": "%s"}]}"""
                .formatted(deployment);
        String runner = create(runs);
        String owned = create(automation("owned", "\"owner_resource\": \"prefect.deployment." + deployment + "\","));
        create(automation("unrelated", ""));
        given().get(base + "/automations/related-to/prefect.deployment." + deployment).then().statusCode(200)
                .body("id", hasSize(2)).body("id", hasItem(runner)).body("id", hasItem(owned));
    }

    @Test
    void deleteOwnedByRemovesOnlyThatOwnersAutomations() {
        String owned = create(automation("owned", "\"owner_resource\": \"prefect.deployment.abc\","));
        String other = create(automation("other", ""));
        given().delete(base + "/automations/owned-by/prefect.deployment.abc").then().statusCode(202);
        given().get(base + "/automations/" + owned).then().statusCode(404);
        given().get(base + "/automations/" + other).then().statusCode(200);
    }

    @Test
    void proactiveWithinZeroIsStoredAsTenSeconds() {
        String body = """
                {"name": "quiet", "trigger": {"posture": "Proactive", "expect": ["heartbeat"], "within": 0},
                 "actions": [{"type": "do-nothing"}]}""";
        json(body).post(base + "/automations/").then().statusCode(201).body("trigger.within", equalTo(10.0f));
    }

    @Test
    void ruleViolationsAre422NamingTheField() {
        String shortProactive = """
                {"name": "q", "trigger": {"posture": "Proactive", "within": 5}, "actions": []}""";
        json(shortProactive).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "trigger", "within")));
        String badRequire = """
                {"name": "c", "trigger": {"type": "compound", "require": 3, "within": null,
                 "triggers": [{"posture": "Reactive"}]}, "actions": []}""";
        json(badRequire).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "trigger", "require")));
        String badTemplate = """
                {"name": "t", "trigger": {"posture": "Reactive"}, "actions": [{"type": "call-webhook",
                 "block_document_id": "%s", "payload": "{%% for x in %%}"}]}""".formatted(UUID.randomUUID());
        json(badTemplate).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "actions", 0, "payload")));
        json(automation("x", "\"colour\": \"blue\",")).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "colour")))
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        // Strict JSON types (issue 13): Prefect's lax pydantic would take "true"; its own clients send true.
        json(automation("x", "\"enabled\": \"true\",")).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "enabled")));
        String stringParameters = """
                {"name": "p", "trigger": {"posture": "Reactive"}, "actions": [{"type": "run-deployment",
                 "deployment_id": "%s", "parameters": "10"}]}""".formatted(UUID.randomUUID());
        json(stringParameters).post(base + "/automations/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "actions", 0, "parameters")));
        json("{\"name\": 5, \"trigger\": []}").post(base + "/automations/").then().statusCode(422);
        json("[]").post(base + "/automations/").then().statusCode(422);
    }

    @Test
    void applyCreatesUpdatesAndReportsUnchangedByName() {
        String yaml = """
                automations:
                  - name: first
                    trigger: {posture: Reactive, expect: [a]}
                    actions: [{type: do-nothing}]
                  - name: second
                    trigger: {posture: Proactive, expect: [b], within: 60}
                    actions: [{type: do-nothing}]
                """;
        yaml(yaml).put(base + "/automations/apply").then().statusCode(200)
                .body("created.name", contains("first", "second")).body("updated", hasSize(0));
        yaml(yaml).put(base + "/automations/apply").then().statusCode(200)
                .body("unchanged.name", contains("first", "second")).body("created", hasSize(0));
        String changed = yaml.replace("within: 60", "within: 120");
        yaml(changed).put(base + "/automations/apply").then()
                .statusCode(200).body("updated.name", contains("second")).body("unchanged.name", contains("first"));
        json("[" + automation("third", "") + "]").put(base + "/automations/apply").then().statusCode(200)
                .body("created.name", contains("third"));
        json("{}").post(base + "/automations/count").then().body(equalTo("3"));
    }

    @Test
    void applyWithOneInvalidDefinitionChangesNothing() {
        String body = "[" + automation("good", "") + ", {\"name\": \"bad\", \"trigger\": {\"posture\": \"Proactive\","
                + " \"within\": 1}, \"actions\": []}]";
        json(body).put(base + "/automations/apply").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "automations", 1, "trigger", "within")));
        json("{}").post(base + "/automations/count").then().body(equalTo("0"));
    }

    @Test
    void applyOfAPrefectYamlMakesEachDeploymentTriggerAnAutomationOwnedByItsDeployment() {
        String deployment = UUID.randomUUID().toString();
        String prefectYaml = """
                name: etl
                deployments:
                  - name: nightly
                    deployment_id: %s
                    entrypoint: flows/etl.py:run
                    triggers:
                      - name: On upstream done
                        enabled: true
                        match: {prefect.resource.id: "prefect.flow-run.*"}
                        expect: [prefect.flow-run.Completed]
                        parameters: {source: "{{ event.resource.name }}"}
                        job_variables: {image: "etl:2"}
                        schedule_after: 60
                      - posture: Reactive
                        expect: [external.resource.pinged]
                        threshold: 2
                        within: 30
                """.formatted(deployment);
        yaml(prefectYaml).put(base + "/automations/apply").then().statusCode(200)
                .body("created.name", contains("On upstream done", "nightly__automation_2"));
        String owner = "prefect.deployment." + deployment;
        given().get(base + "/automations/related-to/" + owner).then().statusCode(200)
                .body("$", hasSize(2))
                .body("find { it.name == 'On upstream done' }.trigger.type", equalTo("event"))
                .body("find { it.name == 'On upstream done' }.actions[0].type", equalTo("run-deployment"))
                .body("find { it.name == 'On upstream done' }.actions[0].source", equalTo("selected"))
                .body("find { it.name == 'On upstream done' }.actions[0].deployment_id", equalTo(deployment))
                .body("find { it.name == 'On upstream done' }.actions[0].parameters.source",
                        equalTo("{{ event.resource.name }}"))
                .body("find { it.name == 'On upstream done' }.actions[0].job_variables.image", equalTo("etl:2"))
                .body("find { it.name == 'nightly__automation_2' }.trigger.threshold", equalTo(2));

        yaml(prefectYaml).put(base + "/automations/apply").then().statusCode(200)
                .body("unchanged", hasSize(2)).body("created", hasSize(0)).body("deleted", hasSize(0));
    }

    @Test
    void applyingADeploymentsTriggersAgainDeletesTheAutomationsItNoLongerNames() {
        String deployment = UUID.randomUUID().toString();
        String unrelated = create(automation("not a deployment's", ""));
        String triggers = """
                triggers:
                  - name: first
                    expect: [a]
                  - name: second
                    expect: [b]
                """;
        yaml(triggers).queryParam("deployment_id", deployment).put(base + "/automations/apply").then()
                .statusCode(200).body("created.name", contains("first", "second"));

        yaml(triggers.replace("  - name: second\n    expect: [b]\n", "")).queryParam("deployment_id", deployment)
                .put(base + "/automations/apply").then().statusCode(200)
                .body("unchanged.name", contains("first")).body("deleted.name", contains("second"));

        given().get(base + "/automations/related-to/prefect.deployment." + deployment).then()
                .body("name", contains("first"));
        given().get(base + "/automations/" + unrelated).then().statusCode(200);
    }

    @Test
    void deploymentTriggersWithoutADeploymentIdOrWithABadOneAreRefusedWhereTheyAre() {
        yaml("triggers: [{expect: [a]}]").put(base + "/automations/apply").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("query", "deployment_id")));
        yaml("deployments: [{name: a, triggers: [{expect: [a]}]}, {name: b, triggers: []}]")
                .put(base + "/automations/apply").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "deployments", 0, "deployment_id")))
                .body("exception_detail[0].msg", containsString("Deployment 'a' has triggers but no deployment_id"));
        String deployment = UUID.randomUUID().toString();
        yaml("deployments: [{name: a, deployment_id: %s, triggers: [{expect: [a]}, {posture: Proactive, within: 1}]}]"
                .formatted(deployment)).put(base + "/automations/apply").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "deployments", 0, "triggers", 1, "trigger",
                        "within")));
        json("{}").post(base + "/automations/count").then().body(equalTo("0"));
    }

    @Test
    void anUnreadableDefinitionInAnApplyIsLocatedInTheDocumentWithoutJavaNames() {
        json("[" + automation("good", "") + ", {\"name\": \"bad\", \"trigger\": {\"type\": \"bogus\"}, "
                + "\"actions\": []}]").put(base + "/automations/apply").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "automations", 1, "trigger")))
                .body("exception_detail[0].type", equalTo("union_tag_invalid"))
                .body("exception_detail[0].msg", not(containsString("dev.vigil")));
        yaml("triggers: [{type: compound, require: all, within: 10, triggers: [{expect: [a]}, {type: bogus}]}]")
                .queryParam("deployment_id", UUID.randomUUID().toString()).put(base + "/automations/apply").then()
                .statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "triggers", 0, "trigger", "triggers", 1)))
                .body("exception_detail[0].msg", not(containsString("dev.vigil")));
    }
}
