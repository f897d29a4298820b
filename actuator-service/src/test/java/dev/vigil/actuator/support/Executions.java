package dev.vigil.actuator.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.messaging.ActionMessage;
import io.restassured.path.json.JsonPath;

/** Reads an action's execution back through {@code GET /api/actions/executions}. */
public final class Executions {

    private Executions() {
    }

    public static JsonPath of(ActionMessage message) {
        JsonPath page = given().queryParam("automation_id", message.automation().id().toString())
                .get("/api/actions/executions").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("$")).hasSize(1);
        return new JsonPath(page.prettify()).setRootPath("[0]");
    }
}
