package dev.vigil.actuator.support;

import static io.restassured.RestAssured.given;

import dev.vigil.model.json.VigilJson;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Creates blocks through the API, as a user would. */
public final class Blocks {

    private Blocks() {
    }

    public static UUID create(String type, Map<String, Object> data) {
        try {
            String body = VigilJson.mapper().writeValueAsString(Map.of("name", type + "-" + UUID.randomUUID(),
                    "block_type_slug", type, "data", data));
            String id = given().contentType(ContentType.JSON).body(body).post("/api/block_documents/")
                    .then().statusCode(201).extract().path("id");
            return UUID.fromString(id);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UUID webhook(String url) {
        return create("webhook", Map.of("url", url));
    }
}
