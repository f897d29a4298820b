package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency on an automation: reads carry an {@code ETag}, and a write with {@code If-Match} applies
 * only to that version (else 412, nothing changed). Writes without {@code If-Match} behave as in Prefect.
 */
@QuarkusTest
class ConditionalChangesTest {

    private static final int WRITERS = 16;

    private final String base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID()
            + "/automations/";

    @Test
    void aWriteOnTheVersionReadAppliesAndNamesTheNextVersion() {
        String id = create("conditional-fresh");
        String read = etag(id);

        String written = given().contentType(ContentType.JSON).header("If-Match", read)
                .body(definition("conditional-renamed")).put(base + id)
                .then().statusCode(204).extract().header("ETag");

        assertThat(written).isNotEqualTo(read).isEqualTo(etag(id));
        given().get(base + id).then().body("name", org.hamcrest.Matchers.equalTo("conditional-renamed"));
    }

    @Test
    void aWriteOnAnOlderVersionIsRefusedAndChangesNothing() {
        String id = create("conditional-stale");
        String opened = etag(id);
        given().contentType(ContentType.JSON).header("If-Match", opened).body(definition("first-writer"))
                .put(base + id).then().statusCode(204);
        String current = etag(id);

        given().contentType(ContentType.JSON).header("If-Match", opened).body(definition("second-writer"))
                .put(base + id)
                .then().statusCode(412).contentType(ContentType.JSON).body("detail", containsString("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", opened).body("{\"enabled\": false}")
                .patch(base + id).then().statusCode(412);
        given().header("If-Match", opened).delete(base + id).then().statusCode(412);

        given().get(base + id).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("first-writer"))
                .body("enabled", org.hamcrest.Matchers.equalTo(true));
        assertThat(etag(id)).isEqualTo(current);
    }

    @Test
    void anyListedOrWildcardTagMatchesButAWeakOneNeverDoes() {
        String id = create("conditional-lists");
        String current = etag(id);

        given().header("If-Match", "W/" + current).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .patch(base + id).then().statusCode(412);
        given().header("If-Match", "\"1\", " + current).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .patch(base + id).then().statusCode(204);
        given().header("If-Match", "*").contentType(ContentType.JSON).body("{\"enabled\": true}")
                .patch(base + id).then().statusCode(204);
        given().header("If-Match", "*").delete(base + id).then().statusCode(204);
        given().get(base + id).then().statusCode(404);
    }

    @Test
    void everyChangeNamesANewVersion() {
        String id = create("conditional-quick");
        String before = etag(id);
        for (int i = 0; i < 5; i++) {
            String previous = etag(id);
            String next = given().contentType(ContentType.JSON).body("{\"enabled\": " + (i % 2 == 0 ? "false" : "true")
                    + "}").patch(base + id).then().statusCode(204).extract().header("ETag");
            assertThat(next).isNotEqualTo(previous);
        }
        assertThat(etag(id)).isNotEqualTo(before);
    }

    @Test
    void ofSixteenWritersOnTheSameVersionExactlyOneApplies() throws Exception {
        String id = create("conditional-crowd");
        String read = etag(id);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "crowd-" + i;
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON).header("If-Match", read)
                        .body(definition(name)).put(base + id).then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(1, TimeUnit.MINUTES));
            }
            assertThat(statuses).containsOnly(204, 412);
            assertThat(statuses.stream().filter(status -> status == 204)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().get(base + id).then().body("name", org.hamcrest.Matchers.startsWith("crowd-"));
    }

    @Test
    void writesWithoutIfMatchKeepPrefectsBehaviour() {
        String id = create("conditional-plain");
        given().contentType(ContentType.JSON).body(definition("plain-again")).put(base + id).then().statusCode(204);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(definition("x"))
                .put(base + UUID.randomUUID()).then().statusCode(404);
    }

    private String etag(String id) {
        String tag = given().get(base + id).then().statusCode(200).extract().header("ETag");
        assertThat(tag).matches("\"[0-9]+\"");
        return tag;
    }

    private String create(String name) {
        return given().contentType(ContentType.JSON).body(definition(name)).post(base)
                .then().statusCode(201).extract().path("id");
    }

    private static String definition(String name) {
        return """
                {"name": "%s", "trigger": {"posture": "Reactive", "expect": ["x.conditional"]},
                 "actions": [{"type": "do-nothing"}]}""".formatted(name);
    }
}
