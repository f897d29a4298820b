package dev.vigil.actuator.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.messaging.ActionMessage;
import io.restassured.path.json.JsonPath;
import java.util.List;

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

    /**
     * The message's execution with its attempts ({@code GET /api/actions/executions/{id}}); an empty one (no status,
     * no attempts) until it is opened. The message's automation must have at most one execution.
     */
    public static JsonPath withAttempts(ActionMessage message) {
        List<String> ids = given().queryParam("automation_id", message.automation().id().toString())
                .get("/api/actions/executions").then().statusCode(200).extract().jsonPath().getList("id");
        if (ids.isEmpty()) {
            return new JsonPath("{}");
        }
        assertThat(ids).hasSize(1);
        return given().get("/api/actions/executions/" + ids.get(0)).then().statusCode(200).extract().jsonPath();
    }
}
